namespace IpaasMonitor.Connectors.Erp;

/// <summary>A failed call to the TOTVS Moda API, or a response that could not be read.</summary>
public sealed class ErpException(ConnectorFailure failure, Exception? innerException = null)
    : ConnectorException(failure, innerException);
