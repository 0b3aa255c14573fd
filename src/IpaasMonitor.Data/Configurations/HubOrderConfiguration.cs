using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpaasMonitor.Data.Configurations;

internal sealed class HubOrderConfiguration : IEntityTypeConfiguration<HubOrder>
{
    public void Configure(EntityTypeBuilder<HubOrder> builder)
    {
        builder.ToTable("HubOrders");
        builder.Property(o => o.ConnectionId).HasMaxLength(64).IsUnicode(false);
        builder.Property(o => o.OrderId).HasMaxLength(64).IsUnicode(false);
        builder.Property(o => o.Stage).HasConversion<string>().HasMaxLength(24).IsUnicode(false);
        builder.Property(o => o.VtexStatus).HasMaxLength(48).IsUnicode(false);
        builder.Property(o => o.FeedHandle).HasMaxLength(2000).IsUnicode(false);
        builder.Property(o => o.LastError).HasMaxLength(2000);
        builder.Property(o => o.ContentHash).HasMaxLength(64).IsUnicode(false);
        builder.HasIndex(o => new { o.ConnectionId, o.OrderId }).IsUnique();
        builder.HasIndex(o => new { o.ConnectionId, o.Stage, o.IsMainBranch });
        builder.HasIndex(o => new { o.ConnectionId, o.BranchCode, o.ErpOrderCode });
    }
}
