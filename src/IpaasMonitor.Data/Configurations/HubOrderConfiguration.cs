using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpaasMonitor.Data.Configurations;

internal sealed class HubOrderConfiguration : IEntityTypeConfiguration<HubOrder>
{
    public void Configure(EntityTypeBuilder<HubOrder> builder)
    {
        builder.ToTable("HubOrders");
        builder.Property(o => o.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
        builder.Property(o => o.OrderId).HasMaxLength(HubOrder.OrderIdMaxLength).IsUnicode(false);
        builder.Property(o => o.Stage).HasConversion<string>().HasMaxLength(HubOrder.StageMaxLength).IsUnicode(false);
        builder.Property(o => o.VtexStatus).HasMaxLength(HubOrder.VtexStatusMaxLength).IsUnicode(false);
        builder.Property(o => o.FeedHandle).HasMaxLength(HubOrder.FeedHandleMaxLength).IsUnicode(false);
        builder.Property(o => o.LastError).HasMaxLength(HubOrder.LastErrorMaxLength);
        builder.Property(o => o.ContentHash).HasMaxLength(ColumnLengths.Hash).IsUnicode(false);
        builder.HasIndex(o => new { o.ConnectionId, o.OrderId }).IsUnique();
        builder.HasIndex(o => new { o.ConnectionId, o.Stage, o.IsMainBranch });
        builder.HasIndex(o => new { o.ConnectionId, o.BranchCode, o.ErpOrderCode });

        // The orders page (/pedidos) pages by Id, newest first, filtered by stage, connection or both (ADR-022); the
        // alert evaluator reads a connection's orders in the stages of a rule through the same (ConnectionId, Stage, Id).
        builder.HasIndex(o => new { o.ConnectionId, o.Stage, o.Id });
        builder.HasIndex(o => new { o.Stage, o.Id });
        builder.HasIndex(o => new { o.ConnectionId, o.Id });
    }
}
