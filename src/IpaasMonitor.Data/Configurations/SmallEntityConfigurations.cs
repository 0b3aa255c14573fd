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
        builder.HasIndex(r => new { r.ConnectionId, r.Diagram, r.StartedAtUtc });
    }
}

internal sealed class DiagramLeaseConfiguration : IEntityTypeConfiguration<DiagramLease>
{
    public void Configure(EntityTypeBuilder<DiagramLease> builder)
    {
        builder.ToTable("DiagramLeases");
        builder.HasKey(l => new { l.ConnectionId, l.Diagram });
        builder.Property(l => l.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
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
