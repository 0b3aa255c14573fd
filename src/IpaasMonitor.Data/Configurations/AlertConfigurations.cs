using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpaasMonitor.Data.Configurations;

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.ToTable("AlertRules");
        builder.Property(r => r.Name).HasMaxLength(AlertRule.NameMaxLength);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(AlertRule.KindMaxLength).IsUnicode(false);
        builder.Property(r => r.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
        builder.Property(r => r.System).HasMaxLength(AlertRule.SystemMaxLength).IsUnicode(false);
        builder.Property(r => r.EmailTo).HasMaxLength(AlertRule.ChannelsMaxLength);
        builder.Property(r => r.Webhooks).HasMaxLength(AlertRule.ChannelsMaxLength);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("Alerts");
        builder.Property(a => a.Subject).HasMaxLength(Alert.SubjectMaxLength);
        builder.Property(a => a.OpenSubject).HasMaxLength(Alert.SubjectMaxLength);
        builder.Property(a => a.ConnectionId).HasMaxLength(ColumnLengths.ConnectionId).IsUnicode(false);
        builder.Property(a => a.Summary).HasMaxLength(Alert.SummaryMaxLength);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(ColumnLengths.UserName);
        builder.HasOne<AlertRule>().WithMany().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.Cascade);

        // One open episode per rule and subject: OpenSubject is null once resolved (NULLs do not collide; SQL Server gets
        // the IS NOT NULL filter from EF). The evaluator reads a rule's open alerts through it too.
        builder.HasIndex(a => new { a.RuleId, a.OpenSubject }).IsUnique();

        // The history of /alertas pages by Id, newest first (the primary key); a rule's history by (RuleId, Id).
        builder.HasIndex(a => new { a.RuleId, a.Id });
    }
}

internal sealed class AlertNotificationConfiguration : IEntityTypeConfiguration<AlertNotification>
{
    public void Configure(EntityTypeBuilder<AlertNotification> builder)
    {
        builder.ToTable("AlertNotifications");
        builder.Property(n => n.Event).HasConversion<string>().HasMaxLength(AlertNotification.EnumMaxLength).IsUnicode(false);
        builder.Property(n => n.Channel).HasConversion<string>().HasMaxLength(AlertNotification.EnumMaxLength).IsUnicode(false);
        builder.Property(n => n.State).HasConversion<string>().HasMaxLength(AlertNotification.EnumMaxLength).IsUnicode(false);
        builder.Property(n => n.Target).HasMaxLength(AlertNotification.TargetMaxLength);
        builder.Property(n => n.Subject).HasMaxLength(AlertNotification.SubjectMaxLength);
        builder.Property(n => n.LastError).HasMaxLength(AlertNotification.LastErrorMaxLength);
        builder.HasOne<Alert>().WithMany().HasForeignKey(n => n.AlertId).OnDelete(DeleteBehavior.Cascade);

        // The delivery job reads what is due: State = Pending and NextAttemptAtUtc <= now.
        builder.HasIndex(n => new { n.State, n.NextAttemptAtUtc });
        builder.HasIndex(n => n.AlertId);
    }
}
