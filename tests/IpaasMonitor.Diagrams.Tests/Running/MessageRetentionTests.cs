using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Diagrams.Tests.Running;

public sealed class MessageRetentionTests
{
    private static readonly DateTime Now = new(2024, 6, 30, 12, 0, 0, DateTimeKind.Utc);

    // On PostgreSQL a payload and its attempts carry no foreign key to their message (ADR-020 amendment): nothing cascades,
    // the purge deletes them itself.
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task PurgeAsync_DeletesOldHandledMessagesInBatches_AndKeepsWhatStillNeedsSomeone(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        // 25 old Processed, 3 old Discarded, and old messages in every other situation; plus recent Processed ones.
        var messages = new List<IntegrationMessage>();
        for (var i = 0; i < 25; i++)
        {
            messages.Add(New(Now.AddDays(-31).AddMinutes(i), MessageSituation.Processed));
        }

        messages.AddRange(Enumerable.Range(0, 3).Select(i => New(Now.AddDays(-40).AddMinutes(i), MessageSituation.Discarded)));
        var kept = new[]
        {
            New(Now.AddDays(-60), MessageSituation.Failed),
            New(Now.AddDays(-60), MessageSituation.Requeued),
            New(Now.AddDays(-60), MessageSituation.Processing),
            New(Now.AddDays(-60), MessageSituation.Received),
            New(Now.AddDays(-29), MessageSituation.Processed),
            New(Now.AddHours(-1), MessageSituation.Processed),
        };
        messages.AddRange(kept);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Messages.AddRange(messages);
            await db.SaveChangesAsync();
        }

        var retention = new MessageRetention(
            database.Factory,
            new FakeTimeProvider(new DateTimeOffset(Now)),
            new Options(new RetentionOptions { ProcessedDays = 30, BatchSize = 10, PauseMilliseconds = 0 }),
            NullLogger<MessageRetention>.Instance);

        var deleted = await retention.PurgeAsync(CancellationToken.None);

        deleted.Should().Be(28);
        await using var check = await database.Factory.CreateDbContextAsync();
        (await check.Messages.Select(m => m.MessageId).ToListAsync()).Should().BeEquivalentTo(kept.Select(m => m.MessageId));
        (await check.Payloads.CountAsync()).Should().Be(kept.Length, "payloads go with their messages");
        (await check.Attempts.CountAsync()).Should().Be(kept.Length, "attempts go with their messages");
        (await retention.PurgeAsync(CancellationToken.None)).Should().Be(0);
    }

    private static IntegrationMessage New(DateTime receivedAtUtc, MessageSituation situation)
    {
        var id = Guid.NewGuid();
        return new IntegrationMessage
        {
            MessageId = id,
            ShortId = IntegrationMessage.ShortIdOf(id),
            ConnectionId = "loja-a",
            Diagram = 14,
            Situation = situation,
            Component = "UPDATE OK",
            BusinessKey = "SKU-1",
            ReceivedAtUtc = receivedAtUtc,
            UpdatedAtUtc = receivedAtUtc,
            AttemptCount = 1,
            Payload = new MessagePayload { Content = "{\"RefId\":\"SKU-1\"}" },
            Attempts = [new MessageAttempt { Number = 1, StartedAtUtc = receivedAtUtc, EndedAtUtc = receivedAtUtc, Outcome = situation, Component = "UPDATE OK" }],
        };
    }

    private sealed class Options(RetentionOptions value) : IOptionsMonitor<RetentionOptions>
    {
        public RetentionOptions CurrentValue => value;

        public RetentionOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RetentionOptions, string?> listener) => null;
    }
}
