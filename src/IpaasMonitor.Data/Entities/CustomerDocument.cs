namespace IpaasMonitor.Data.Entities;

/// <summary>
/// The customer-document search's lookup (ADR-019): one row per order and buyer document, holding a keyed hash
/// (HMAC-SHA256) of the normalised CPF/CNPJ, never the document itself. A CPF typed in the grid's search box is hashed
/// with the same key and found here; the orders it names are then read by correlation id.
/// </summary>
public sealed class CustomerDocument
{
    /// <summary>Length of <see cref="DocumentHash"/>: an HMAC-SHA256.</summary>
    public const int HashLength = 32;

    public long Id { get; set; }

    public byte[] DocumentHash { get; set; } = [];

    public string ConnectionId { get; set; } = "";

    /// <summary>The VTEX orderId: the correlation id of every message of the order.</summary>
    public string OrderId { get; set; } = "";

    public DateTime AddedAtUtc { get; set; }
}
