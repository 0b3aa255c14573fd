namespace IpaasMonitor.Connectors.Vtex;

/// <summary>A failed call to a VTEX API, or a response that could not be read.</summary>
public sealed class VtexException(ConnectorFailure failure, Exception? innerException = null)
    : ConnectorException(failure, innerException);
