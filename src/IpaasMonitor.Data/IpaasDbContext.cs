using IpaasMonitor.Data.Entities;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IpaasMonitor.Data;

/// <summary>The message store, hub records, audit and the ASP.NET Core Identity tables, in one database.</summary>
public class IpaasDbContext(DbContextOptions<IpaasDbContext> options) : IdentityDbContext<IpaasUser>(options)
{
    public DbSet<IntegrationMessage> Messages => Set<IntegrationMessage>();

    public DbSet<MessagePayload> Payloads => Set<MessagePayload>();

    public DbSet<MessageAttempt> Attempts => Set<MessageAttempt>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<Watermark> Watermarks => Set<Watermark>();

    public DbSet<HubRecord> HubRecords => Set<HubRecord>();

    public DbSet<HubOrder> HubOrders => Set<HubOrder>();

    public DbSet<DiagramRun> Runs => Set<DiagramRun>();

    public DbSet<DiagramLease> Leases => Set<DiagramLease>();

    public DbSet<NodeHeartbeat> Nodes => Set<NodeHeartbeat>();
    public DbSet<PendingJob> PendingJobs => Set<PendingJob>();

    public DbSet<DiagramSetting> DiagramSettings => Set<DiagramSetting>();

    public DbSet<FailureGroup> FailureGroups => Set<FailureGroup>();

    public DbSet<FailureGroupChange> FailureGroupChanges => Set<FailureGroupChange>();

    public DbSet<RequeueBatch> RequeueBatches => Set<RequeueBatch>();

    public DbSet<RequeueBatchItem> RequeueBatchItems => Set<RequeueBatchItem>();

    public DbSet<MessageCounter> MessageCounters => Set<MessageCounter>();

    public DbSet<CustomerDocument> CustomerDocuments => Set<CustomerDocument>();

    public DbSet<AlertRule> AlertRules => Set<AlertRule>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertNotification> AlertNotifications => Set<AlertNotification>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            // SQLite has no date type: store UTC ticks (8-byte integers) so filters and ORDER BY are
            // translated, compared numerically and indexed compactly (ADR-004).
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTime?>().HaveConversion<UtcTicksConverter>();
        }

    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.Entity<IpaasUser>().Property(u => u.DisplayName).HasMaxLength(IpaasUser.DisplayNameMaxLength);
        builder.ApplyConfigurationsFromAssembly(typeof(IpaasDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            // Byte-order comparison, as SQLite's BINARY: the grid's keyset ranges, prefix searches and the merge's key
            // order mean the same on both, whatever collation the database was created with (ADR-020). Text columns
            // only: a string stored as bytes (the compressed payloads) has no collation.
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
                .Where(p => p.ClrType == typeof(string) && p.GetValueConverter() is null))
            {
                property.SetCollation("C");
            }

            // The grid's order is ReceivedAtUtc DESC, Id DESC. SQLite (rowid) and SQL Server (clustered key) carry the
            // row's key at the end of every index, so the tie-break is read from the index; a PostgreSQL index does not,
            // and the planner added an Incremental Sort on Id to every page. Here every index whose columns run
            // (..., ReceivedAtUtc[, Situation]) names Id right after ReceivedAtUtc: the grid's four end in it, the search
            // keys' four keep Situation after it (their per-situation counts still read the index only), and each page
            // is a plain backward index scan (ADR-020 amendment). Names and filters stay (the business key's two tiers);
            // the failure groups' partial index by cause is read by aggregates, never paged, and stays as it is.
            var messages = builder.Entity<IntegrationMessage>().Metadata;
            foreach (var index in messages.GetIndexes().ToList())
            {
                var names = index.Properties.Select(p => p.Name).ToList();
                var at = names.IndexOf(nameof(IntegrationMessage.ReceivedAtUtc));
                if (at < 0 || names.Contains(nameof(IntegrationMessage.Id)) || names.Count - at > 2
                    || (names.Count - at == 2 && names[^1] != nameof(IntegrationMessage.Situation))
                    || index.Name == Configurations.IntegrationMessageConfiguration.FailedByCauseIndex)
                {
                    continue;
                }

                names.Insert(at + 1, nameof(IntegrationMessage.Id));
                var (name, filter) = (index.Name, index.GetFilter());
                messages.RemoveIndex(index);
                var rebuilt = name is null
                    ? builder.Entity<IntegrationMessage>().HasIndex(names.ToArray())
                    : builder.Entity<IntegrationMessage>().HasIndex(names.ToArray(), name);
                if (filter is not null)
                {
                    rebuilt.HasFilter(filter);
                }
            }
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTime, long>(
        v => v.ToUniversalTime().Ticks,
        v => new DateTime(v, DateTimeKind.Utc));
}
