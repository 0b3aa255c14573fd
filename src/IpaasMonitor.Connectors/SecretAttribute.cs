namespace IpaasMonitor.Connectors;

/// <summary>
/// Marks an options property whose value is a credential. It must never be logged, shown or
/// serialised into a payload; <see cref="ConnectorSecrets"/> turns the marks into configuration-key
/// patterns that a log-masking policy can use.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public sealed class SecretAttribute : Attribute;
