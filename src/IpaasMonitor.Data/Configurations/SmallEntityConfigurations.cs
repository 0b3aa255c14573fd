using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpaasMonitor.Data.Configurations;

internal sealed class MessagePayloadConfiguration : IEntityTypeConfiguration<MessagePayload>
{
    public void Configure(EntityTypeBuilder<MessagePayload> builder)
    {
        builder.ToTable("MessagePayloads");
        builder.HasKey(p => p.MessageId);
        builder.Property(p => p.MessageId).ValueGeneratedNever();

        // Stored as a marker byte + Brotli (or raw UTF-8 when short): a 2 KB JSON body takes ~400 bytes (ADR-008).
        builder.Property(p => p.Content).HasConversion(v => PayloadCodec.Encode(v), v => PayloadCodec.Decode(v));
        builder.Property(p => p.RemoteResponse).HasConversion(v => PayloadCodec.Encode(v!), v => PayloadCodec.Decode(v));
    }
}

internal sealed class MessageAttemptConfiguration : IEntityTypeConfiguration<MessageAttempt>
{
    public void Configure(EntityTypeBuilder<MessageAttempt> builder)
    {
        builder.ToTable("MessageAttempts");
        builder.HasIndex(a => new { a.MessageId, a.Number });
        builder.Property(a => a.Component).HasMaxLength(MessageAttempt.ComponentMaxLength);
        builder.Property(a => a.Error).HasMaxLength(MessageAttempt.ErrorMaxLength);
        builder.Property(a => a.TriggeredBy).HasMaxLength(ColumnLengths.UserName);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.UserName).HasMaxLength(ColumnLengths.UserName);
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.ActionMaxLength);
        builder.Property(a => a.TargetType).HasMaxLength(AuditEntry.TargetTypeMaxLength);
        builder.Property(a => a.TargetId).HasMaxLength(AuditEntry.TargetIdMaxLength);
        builder.Property(a => a.Reason).HasMaxLength(AuditEntry.ReasonMaxLength);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.TargetType, a.TargetId });
        // The audit page filters by action and pages by id (newest first); a bulk re-queue writes one entry per message.
        builder.HasIndex(a => new { a.Action, a.Id });
    }
}

internal sealed class PendingJobConfiguration : IEntityTypeConfiguration<PendingJob>
{
    public void Configure(EntityTypeBuilder<PendingJob> builder)
    {
        builder.ToTable("PendingJobs");
        builder.Property(j => j.Kind).HasMaxLength(PendingJob.KindMaxLength).IsUnicode(false);
        builder.Property(j => j.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
        builder.Property(j => j.TriggeredBy).HasMaxLength(ColumnLengths.UserName);
    }
}

internal sealed class WatermarkConfiguration : IEntityTypeConfiguration<Watermark>
{
    public void Configure(EntityTypeBuilder<Watermark> builder)
    {
        builder.ToTable("Watermarks");
        builder.HasKey(w => new { w.ConnectionId, w.Diagram });
        builder.Property(w => w.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
    }
}

internal sealed class HubRecordConfiguration : IEntityTypeConfiguration<HubRecord>
{
    public void Configure(EntityTypeBuilder<HubRecord> builder)
    {
        builder.ToTable("HubRecords");
        builder.Property(r => r.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
        builder.Property(r => r.Kind).HasMaxLength(HubRecord.KindMaxLength).IsUnicode(false);
        builder.Property(r => r.ErpKey).HasMaxLength(HubRecord.ErpKeyMaxLength);
        builder.Property(r => r.ParentKey).HasMaxLength(HubRecord.ErpKeyMaxLength);
        builder.Property(r => r.ContentHash).HasMaxLength(ColumnLengths.Hash).IsUnicode(false);
        builder.Property(r => r.SentHash).HasMaxLength(ColumnLengths.Hash).IsUnicode(false);
        builder.Property(r => r.FailedHash).HasMaxLength(ColumnLengths.Hash).IsUnicode(false);
        builder.Property(r => r.WaitingHash).HasMaxLength(ColumnLengths.Hash).IsUnicode(false);
        builder.Property(r => r.WaitingFor).HasMaxLength(HubRecord.WaitingForMaxLength);
        builder.Property(r => r.VtexId).HasMaxLength(HubRecord.VtexIdMaxLength);
        builder.HasIndex(r => new { r.ConnectionId, r.Kind, r.ErpKey }).IsUnique();
        builder.HasIndex(r => new { r.ConnectionId, r.Kind, r.ErpChangedAtUtc });

        // Hub → VTEX pages through the pending records of a kind in Id order (keyset): this index serves the seek and
        // the order, so a page costs the same at 100,000 records as at 100.
        builder.HasIndex(r => new { r.ConnectionId, r.Kind, r.Id });

        // The invoices of an order (kind "invoice", parent = the VTEX orderId): the invoiced total (OrderFlow), the
        // "invoiced in the ERP and not in VTEX" alert and the orders page's stuck flag seek them by parent (ADR-022).
        builder.HasIndex(r => new { r.ConnectionId, r.Kind, r.ParentKey });
    }
}

internal sealed class DiagramRunConfiguration : IEntityTypeConfiguration<DiagramRun>
{
    public void Configure(EntityTypeBuilder<DiagramRun> builder)
    {
        builder.ToTable("DiagramRuns");
        builder.Property(r => r.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(DiagramRun.StatusMaxLength).IsUnicode(false);
        builder.Property(r => r.Error).HasMaxLength(DiagramRun.ErrorMaxLength);
        builder.Property(r => r.TriggeredBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(r => r.Node).HasMaxLength(NodeHeartbeat.NameMaxLength);
        builder.HasIndex(r => new { r.ConnectionId, r.Diagram, r.StartedAtUtc });

        // The node watch looks for runs still Running every few seconds (ADR-026): a seek, not a scan of the history.
        builder.HasIndex(r => r.Status);
    }
}

internal sealed class DiagramLeaseConfiguration : IEntityTypeConfiguration<DiagramLease>
{
    public void Configure(EntityTypeBuilder<DiagramLease> builder)
    {
        builder.ToTable("DiagramLeases");
        builder.HasKey(l => new { l.ConnectionId, l.Diagram });
        builder.Property(l => l.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
        builder.Property(l => l.HolderNode).HasMaxLength(NodeHeartbeat.NameMaxLength);
    }
}

internal sealed class NodeHeartbeatConfiguration : IEntityTypeConfiguration<NodeHeartbeat>
{
    public void Configure(EntityTypeBuilder<NodeHeartbeat> builder)
    {
        builder.ToTable("Nodes");
        builder.HasKey(n => n.Name);
        builder.Property(n => n.Name).HasMaxLength(NodeHeartbeat.NameMaxLength);
    }
}

internal sealed class DiagramSettingConfiguration : IEntityTypeConfiguration<DiagramSetting>
{
    public void Configure(EntityTypeBuilder<DiagramSetting> builder)
    {
        builder.ToTable("DiagramSettings");
        builder.HasKey(s => new { s.ConnectionId, s.Diagram });
        builder.Property(s => s.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
        builder.Property(s => s.Cron).HasMaxLength(DiagramSetting.CronMaxLength).IsUnicode(false);
    }
}

internal sealed class FailureGroupConfiguration : IEntityTypeConfiguration<FailureGroup>
{
    public void Configure(EntityTypeBuilder<FailureGroup> builder)
    {
        builder.ToTable("FailureGroups");
        builder.HasKey(g => g.CauseKey);
        builder.Property(g => g.CauseKey).HasMaxLength(IntegrationMessage.CauseKeyLength).IsUnicode(false);
        builder.Property(g => g.Component).HasMaxLength(IntegrationMessage.ComponentMaxLength);
        builder.Property(g => g.Cause).HasMaxLength(FailureGroup.CauseMaxLength);
        builder.Property(g => g.ParentCauseKey).HasMaxLength(IntegrationMessage.CauseKeyLength).IsUnicode(false);
        builder.Property(g => g.Connections).HasMaxLength(FailureGroup.ConnectionsMaxLength);
        builder.Property(g => g.Note).HasMaxLength(FailureGroup.NoteMaxLength);
        builder.Property(g => g.NoteBy).HasMaxLength(ColumnLengths.UserName);
    }
}

internal sealed class FailureGroupChangeConfiguration : IEntityTypeConfiguration<FailureGroupChange>
{
    public void Configure(EntityTypeBuilder<FailureGroupChange> builder)
    {
        builder.ToTable("FailureGroupChanges");
        builder.Property(c => c.CauseKey).HasMaxLength(IntegrationMessage.CauseKeyLength).IsUnicode(false);

        // A new store (and a store migrated to this table) starts with a full rebuild of the summary.
        builder.HasData(new FailureGroupChange { Id = 1, CauseKey = Storage.FailureGroupChanges.All });
    }
}

internal sealed class RequeueBatchConfiguration : IEntityTypeConfiguration<RequeueBatch>
{
    public void Configure(EntityTypeBuilder<RequeueBatch> builder)
    {
        builder.ToTable("RequeueBatches");
        builder.Property(b => b.RequestedBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(b => b.Description).HasMaxLength(RequeueBatch.DescriptionMaxLength);
        builder.Property(b => b.Reason).HasMaxLength(RequeueBatch.ReasonMaxLength);
        builder.Property(b => b.CauseKey).HasMaxLength(IntegrationMessage.CauseKeyLength).IsUnicode(false);
        builder.Property(b => b.FilterJson).HasMaxLength(RequeueBatch.FilterJsonMaxLength);

        // The processor looks for unfinished batches at every step.
        builder.HasIndex(b => b.CompletedAtUtc);
    }
}

internal sealed class RequeueBatchItemConfiguration : IEntityTypeConfiguration<RequeueBatchItem>
{
    public void Configure(EntityTypeBuilder<RequeueBatchItem> builder)
    {
        builder.ToTable("RequeueBatchItems");
        builder.HasKey(i => new { i.BatchId, i.MessageRowId });

        // A batch's progress (counts per state) and its next pending items, read from the index.
        builder.HasIndex(i => new { i.BatchId, i.State, i.MessageRowId });
        builder.HasOne<RequeueBatch>().WithMany().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageCounterConfiguration : IEntityTypeConfiguration<MessageCounter>
{
    public void Configure(EntityTypeBuilder<MessageCounter> builder)
    {
        builder.ToTable("MessageCounters");

        // The hour first: the overview reads a range of hours (24 h, 7 days) for every connection and diagram.
        builder.HasKey(c => new { c.HourUtc, c.ConnectionId, c.Diagram, c.Situation });
        builder.Property(c => c.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);

        // Totals of a situation whatever the hour (the unresolved failures): only hours that still hold such messages
        // have a row (a count that falls to zero is deleted), and the count is in the index, so the sum reads the index
        // alone. On SQLite the table is WITHOUT ROWID (its migration): the primary key is the table, with the count.
        builder.HasIndex(c => new { c.Situation, c.ConnectionId, c.Diagram, c.Count });
    }
}

internal sealed class CustomerDocumentConfiguration : IEntityTypeConfiguration<CustomerDocument>
{
    public void Configure(EntityTypeBuilder<CustomerDocument> builder)
    {
        builder.ToTable("CustomerDocuments");
        builder.Property(d => d.DocumentHash).HasMaxLength(CustomerDocument.HashLength);
        builder.Property(d => d.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
        builder.Property(d => d.OrderId).HasMaxLength(IntegrationMessage.CorrelationIdMaxLength);

        // A search is one seek on the hash; the rest of the key makes recording the same order twice a no-op.
        builder.HasIndex(d => new { d.DocumentHash, d.ConnectionId, d.OrderId }).IsUnique();
    }
}
