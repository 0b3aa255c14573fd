using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpaasMonitor.Data.Configurations;

internal sealed class IntegrationMessageConfiguration : IEntityTypeConfiguration<IntegrationMessage>
{
    /// <summary>The open failures and re-queues of an item (connection, diagram, business key).</summary>
    public const string OpenByItemIndex = "IX_Messages_OpenByItem";

    /// <summary>The unresolved failures by normalized cause.</summary>
    public const string FailedByCauseIndex = "IX_Messages_FailedByCause";

    /// <summary>The unresolved waits on a failed parent, by the parent's item.</summary>
    public const string WaitsByParentIndex = "IX_Messages_WaitsByParent";

    /// <summary>The runs' summary rows by situation and connection.</summary>
    public const string RunSummariesIndex = "IX_Messages_RunSummaries";

    public void Configure(EntityTypeBuilder<IntegrationMessage> builder)
    {
        builder.ToTable("Messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.ShortId).HasMaxLength(IntegrationMessage.ShortIdLength).IsUnicode(false);
        builder.Property(m => m.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
        builder.Property(m => m.Component).HasMaxLength(IntegrationMessage.ComponentMaxLength);
        builder.Property(m => m.BusinessKey).HasMaxLength(IntegrationMessage.BusinessKeyMaxLength);
        builder.Property(m => m.CorrelationId).HasMaxLength(IntegrationMessage.CorrelationIdMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(IntegrationMessage.LastErrorMaxLength);
        builder.Property(m => m.CauseKey).HasMaxLength(IntegrationMessage.CauseKeyLength).IsUnicode(false);
        builder.Property(m => m.ParentKey).HasMaxLength(IntegrationMessage.BusinessKeyMaxLength);
        builder.Property(m => m.RequeuedBy).HasMaxLength(ColumnLengths.UserName);

        // No index on MessageId: an id is found through the ShortId index below (its first 8 hex digits), see
        // MessageIdLookup and ADR-010. A random-key index costs each recorded message a dirtied page.

        // Every grid filter ends in ReceivedAtUtc so the newest-first order is read straight from the index
        // (the physical key Id is implicitly the last column of each index, and is the order's tie-breaker).
        // There is no (ReceivedAtUtc) nor (Diagram, ReceivedAtUtc) index: a filter without a situation is read as one
        // branch per situation (six index ranges merged by MessageQueries), which saves two index entries per recorded
        // message (ADR-013).
        builder.HasIndex(m => new { m.Situation, m.ReceivedAtUtc });
        builder.HasIndex(m => new { m.Diagram, m.Situation, m.ReceivedAtUtc });
        builder.HasIndex(m => new { m.ConnectionId, m.Diagram, m.Situation, m.ReceivedAtUtc });
        builder.HasIndex(m => new { m.ConnectionId, m.Situation, m.ReceivedAtUtc });

        // Search keys carry ReceivedAtUtc (a hot SKU has tens of thousands of messages: its newest page is an ordered
        // walk, not a sort) and Situation (the per-situation counts of a search read the index only) (ADR-008).
        builder.HasIndex(m => new { m.ShortId, m.ReceivedAtUtc, m.Situation });

        // The business key's index in two tiers (ADR-013): new rows enter the small recent index, where a batch of
        // messages touches few pages; BusinessKeyIndexMerge moves them to the settled one in key order. A single index
        // took each recorded message a page of its own in a store where every SKU has a long history.
        builder.HasIndex(m => new { m.BusinessKey, m.ReceivedAtUtc, m.Situation }, "IX_Messages_BusinessKey_Recent")
            .HasFilter($"\"KeyTier\" = {KeyTiers.Recent}");
        builder.HasIndex(m => new { m.BusinessKey, m.ReceivedAtUtc, m.Situation }, "IX_Messages_BusinessKey_Settled")
            .HasFilter($"\"KeyTier\" = {KeyTiers.Settled}");

        // Only the order flows carry a correlation id: the catalogue's messages (nearly all of them) cost this index
        // nothing. A search compares the column, which implies IS NOT NULL, so every provider still seeks it (ADR-020
        // amendment 2026-12-08).
        builder.HasIndex(m => new { m.CorrelationId, m.ReceivedAtUtc, m.Situation }).HasFilter("\"CorrelationId\" IS NOT NULL");

        // ADR-017. Two partial indexes that hold open work only (a few percent of the rows), so a processed message costs
        // them nothing: the open failures and re-queues of an item, which a later processed message resolves (one seek per
        // processed item, MessageResolution), and the unresolved failures by cause, which the failure groups are read from.
        builder.HasIndex(m => new { m.ConnectionId, m.Diagram, m.BusinessKey }, OpenByItemIndex)
            .HasFilter($"\"Situation\" IN ({(int)MessageSituation.Failed}, {(int)MessageSituation.Requeued})");
        builder.HasIndex(m => new { m.CauseKey, m.ConnectionId, m.BusinessKey, m.ReceivedAtUtc }, FailedByCauseIndex)
            .HasFilter($"\"Situation\" = {(int)MessageSituation.Failed}");

        // ADR-017 amendment 3: the unresolved waits that name their failed parent (a handful of the failures), by the parent's
        // item, carrying what the failure groups' refresh counts (the waiting item and its group): the waits held behind each
        // parent group are one walk of this small index, each joined to the parent's open failure by OpenByItem.
        builder.HasIndex(m => new { m.ConnectionId, m.ParentDiagram, m.ParentKey, m.Diagram, m.BusinessKey, m.CauseKey }, WaitsByParentIndex)
            .HasFilter($"\"Situation\" = {(int)MessageSituation.Failed} AND \"ParentKey\" IS NOT NULL");

        // The runs' summaries (about 1 % of the rows), by situation: the attention count takes those that need a person
        // out of the hourly counters' total without reading the message table (ADR-017 amendment 2).
        builder.HasIndex(m => new { m.Situation, m.ConnectionId }, RunSummariesIndex)
            .HasFilter($"\"Component\" = '{Monitoring.MessageFilter.RunSummaryComponent}'");

        builder.HasOne(m => m.Payload).WithOne().HasForeignKey<MessagePayload>(p => p.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Attempts).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
