namespace IpaasMonitor.Data.Entities;

/// <summary>
/// Lengths of the columns that several tables share. A column of one table has its length as a constant on its entity
/// (<see cref="IntegrationMessage.ComponentMaxLength"/>, <see cref="HubRecord.WaitingForMaxLength"/>…); the EF
/// configurations and every place that cuts a value to fit read the same constant.
/// </summary>
public static class ColumnLengths
{
    /// <summary>A connection's id (<c>ConnectionOptions.Id</c>), the first key column of most tables.</summary>
    public const int ConnectionId = 64;

    /// <summary>A content hash: SHA-256 as 64 hex digits.</summary>
    public const int Hash = 64;

    /// <summary>A user name, or "scheduler" / "encadeado" for runs nobody asked for.</summary>
    public const int UserName = 128;
}
