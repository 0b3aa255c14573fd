namespace IpaasMonitor.Data.Entities;

/// <summary>
/// The values of <see cref="IntegrationMessage.KeyTier"/>. The business-key index is split in two partial indexes
/// (ADR-013): every new message enters the small <see cref="Recent"/> one, and a background merge moves entries to the
/// large <see cref="Settled"/> one in key order, many per key and page at a time. A row only ever moves from Recent to
/// Settled, so a reader that reads Recent before Settled sees every row at least once.
/// </summary>
public static class KeyTiers
{
    /// <summary>In the recent index (every new message).</summary>
    public const int Recent = 0;

    /// <summary>In the settled index (merged; also every message recorded before the split).</summary>
    public const int Settled = 1;
}
