namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// The grid's COMPONENTE values written by more than one diagram (a diagram's own steps, e.g. "POST brand", stay
/// next to its code). Persisted in messages and filtered on: never rename one.
/// </summary>
public static class MessageComponents
{
    /// <summary>The hub does not hold what the step needs (not read from the ERP yet, or not at this stage).</summary>
    public const string NotInHub = "GET hub";

    /// <summary>The hub's content could not be read (should not happen: the ERP → hub half validated it).</summary>
    public const string UnreadableHub = "READ hub";

    /// <summary>An ERP → hub half stored a new or changed record.</summary>
    public const string Stored = "UPSERT OK";

    /// <summary>VTEX created the record.</summary>
    public const string Created = "CREATE OK";

    /// <summary>VTEX updated the record.</summary>
    public const string Updated = "UPDATE OK";

    /// <summary>VTEX associated the record (an SKU's specification values).</summary>
    public const string Associated = "ASSOCIATE OK";

    /// <summary>The record waits for a parent that is not in VTEX yet.</summary>
    public const string WaitingParent = "WAITING PARENT";

    /// <summary>Reading an order from VTEX's OMS.</summary>
    public const string GetVtexOrder = "GET order";
}
