using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpaasMonitor.Data.Configurations;

internal sealed class IntegrationMessageConfiguration : IEntityTypeConfiguration<IntegrationMessage>
{
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
        builder.HasIndex(m => new { m.CorrelationId, m.ReceivedAtUtc, m.Situation });

        builder.HasOne(m => m.Payload).WithOne().HasForeignKey<MessagePayload>(p => p.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Attempts).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
