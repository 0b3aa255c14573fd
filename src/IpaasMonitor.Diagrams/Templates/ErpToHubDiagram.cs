using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Templates;

/// <summary>
/// The ERP → Hub half of a catalogue pair: reads what changed in the ERP since the watermark (overlapped), maps each
/// record with pure functions, upserts the hub by ERP key with a content hash, and writes one message per record
/// stored or refused (unchanged records write none). A record that cannot be read, a duplicate key with other content,
/// or a page whose JSON is broken each end as one failed message while the run goes on; after a broken page the
/// watermark stays where it was, so the next run reads that window again.
/// </summary>
public abstract class ErpToHubDiagram<T>(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks) : IDiagram, IResendable
{
    private const int BatchSize = 500;

    /// <summary>The step named on failed reads, e.g. "GET category".</summary>
    protected abstract string ReadComponent { get; }

    /// <summary>JSON property holding the record's key, to name a record that could not be read.</summary>
    protected abstract string KeyProperty { get; }

    protected ConnectorFactory Connectors => connectors;

    protected HubStore Hub => hub;

    /// <summary>The ERP records changed in the window, or (for a re-queue) those with these keys.</summary>
    protected abstract IAsyncEnumerable<ErpItem<T>> ReadAsync(
        DiagramContext context, ErpClient erp, ErpChangeFilter? window, IReadOnlyList<string>? keys, CancellationToken cancellationToken);

    /// <summary>Prepared once per run before the records are mapped (e.g. the known categories).</summary>
    protected virtual Task<object?> StartAsync(DiagramContext context, CancellationToken cancellationToken) => Task.FromResult<object?>(null);

    protected abstract ErpRecordMapping Map(DiagramContext context, T record, object? state);

    protected abstract DateTimeOffset ChangedAt(T record);

    /// <summary>The key the ERP is searched by for a business key (e.g. "10023/2" → "10023").</summary>
    protected virtual string QueryKey(string businessKey) => businessKey;

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await watermarks.ReadSinceAsync(
            context.Connection.Id,
            context.Definition.Number,
            async (from, to) =>
            {
                // After a broken page the window is read again next time.
                var outcome = await ReadWindowAsync(context, from, to, cancellationToken);
                return outcome.PageFailed ? null : outcome.NewestChangeUtc;
            },
            cancellationToken);
    }

    /// <summary>Diagram 39: reads the last 24 hours into the hub again, without touching the watermark.</summary>
    public Task ResendAsync(DiagramContext context, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken) =>
        ReadWindowAsync(context, fromUtc, toUtc, cancellationToken);

    /// <summary>Reads one window into the hub without touching the watermark.</summary>
    private async Task<ReadOutcome> ReadWindowAsync(DiagramContext context, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var erp = connectors.GetErpClient(context.Connection.Id);
        var window = new ErpChangeFilter(new DateTimeOffset(fromUtc, TimeSpan.Zero), new DateTimeOffset(toUtc, TimeSpan.Zero));
        var state = await StartAsync(context, cancellationToken);
        var sink = new Sink(this, context, state);
        await foreach (var item in ReadAsync(context, erp, window, null, cancellationToken).WithCancellation(cancellationToken))
        {
            await sink.AddAsync(item, cancellationToken);
        }

        await sink.FlushAsync(cancellationToken);
        return new ReadOutcome(sink.Newest, sink.PageFailed);
    }

    public async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(businessKey);
        var erp = connectors.GetErpClient(context.Connection.Id);
        var state = await StartAsync(context, cancellationToken);
        await foreach (var item in ReadAsync(context, erp, null, [QueryKey(businessKey)], cancellationToken).WithCancellation(cancellationToken))
        {
            if (!item.IsValid)
            {
                return Invalid(item);
            }

            var mapping = Map(context, item.Value, state);
            if (mapping.Key != businessKey && QueryKey(mapping.Key) != QueryKey(businessKey))
            {
                continue;
            }

            if (mapping.Entries.Count > 0)
            {
                foreach (var group in mapping.Entries.GroupBy(e => e.Kind, StringComparer.Ordinal))
                {
                    await hub.UpsertAsync(context.Connection.Id, group.Key, [.. group.Select(e => e.Item)], cancellationToken);
                }
            }

            return mapping.Error is null
                ? ItemResult.Ok(MessageComponents.Stored, mapping.Key, Payload(mapping))
                : ItemResult.Fail(ReadComponent, mapping.Key, item.RawJson, mapping.Error);
        }

        return ItemResult.Fail(ReadComponent, businessKey, null, $"Registro {businessKey} não encontrado no ERP.");
    }

    private ItemResult Invalid(ErpItem<T> item) => item.IsUnreadablePage
        ? ItemResult.Fail(ReadComponent, $"página {item.Page.ToString(CultureInfo.InvariantCulture)}", item.RawJson, $"Página {item.Page.ToString(CultureInfo.InvariantCulture)} do ERP ilegível (JSON malformado): {item.Error}")
        : ItemResult.Fail(
            ReadComponent,
            ErpRecordKeys.KeyOf(item.RawJson, KeyProperty) ?? $"página {item.Page.ToString(CultureInfo.InvariantCulture)} item {(item.Index + 1).ToString(CultureInfo.InvariantCulture)}",
            item.RawJson,
            ErpErrors.InvalidRecord(item.Error));

    private static string Payload(ErpRecordMapping mapping) =>
        mapping.Entries.Count == 1
            ? JsonSerializer.Serialize(mapping.Entries[0].Item.Content, HubStore.Json)
            : JsonSerializer.Serialize(mapping.Entries.Select(e => new { kind = e.Kind, key = e.Item.ErpKey, content = e.Item.Content }), HubStore.Json);

    /// <summary>What reading a window did.</summary>
    private sealed record ReadOutcome(DateTime? NewestChangeUtc, bool PageFailed);

    /// <summary>Collects mapped records into batches and records their messages.</summary>
    private sealed class Sink(ErpToHubDiagram<T> owner, DiagramContext context, object? state)
    {
        private readonly List<(ErpRecordMapping Mapping, string Raw)> batch = [];
        private readonly Dictionary<string, string> seen = new(StringComparer.Ordinal);

        public DateTime? Newest { get; private set; }

        public bool PageFailed { get; private set; }

        public async Task AddAsync(ErpItem<T> item, CancellationToken cancellationToken)
        {
            if (item.IsUnreadablePage)
            {
                PageFailed = true;
                await context.RecordAsync(owner.Invalid(item), cancellationToken);
                return;
            }

            context.Counters.AddRead();
            if (!item.IsValid)
            {
                await context.RecordAsync(owner.Invalid(item), cancellationToken);
                return;
            }

            var changed = owner.ChangedAt(item.Value).UtcDateTime;
            Newest = Newest is { } n && n >= changed ? n : changed;
            ErpRecordMapping mapping;
            try
            {
                mapping = owner.Map(context, item.Value, state);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException)
            {
                var key = ErpRecordKeys.KeyOf(item.RawJson, owner.KeyProperty) ?? $"página {item.Page.ToString(CultureInfo.InvariantCulture)} item {(item.Index + 1).ToString(CultureInfo.InvariantCulture)}";
                await context.RecordAsync(ItemResult.Fail(owner.ReadComponent, key, item.RawJson, $"Registro inválido do ERP: {ex.Message}"), cancellationToken);
                return;
            }

            var fingerprint = HubStore.Hash(Payload(mapping) + "|" + mapping.Error);
            if (seen.TryGetValue(mapping.Key, out var previous))
            {
                if (previous == fingerprint)
                {
                    context.Counters.AddUnchanged();
                    return;
                }

                await context.RecordAsync(
                    ItemResult.Fail(owner.ReadComponent, mapping.Key, item.RawJson, $"Chave duplicada no ERP: {mapping.Key} já foi lida nesta execução com outro conteúdo; este registro foi ignorado."),
                    cancellationToken);
                return;
            }

            seen[mapping.Key] = fingerprint;
            if (mapping.Error is not null)
            {
                await context.RecordAsync(ItemResult.Fail(owner.ReadComponent, mapping.Key, item.RawJson, mapping.Error), cancellationToken);
                if (mapping.Entries.Count == 0)
                {
                    return;
                }
            }

            batch.Add((mapping, item.RawJson));
            if (batch.Count >= BatchSize)
            {
                await FlushAsync(cancellationToken);
            }
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (batch.Count == 0)
            {
                return;
            }

            var changed = new HashSet<(string Kind, string Key)>();
            foreach (var group in batch.SelectMany(b => b.Mapping.Entries).GroupBy(e => e.Kind, StringComparer.Ordinal))
            {
                var keys = await owner.Hub.UpsertAsync(context.Connection.Id, group.Key, [.. group.Select(e => e.Item)], cancellationToken);
                foreach (var key in keys)
                {
                    changed.Add((group.Key, key));
                }
            }

            foreach (var (mapping, _) in batch)
            {
                var anyChanged = mapping.Entries.Any(e => changed.Contains((e.Kind, e.Item.ErpKey)));
                if (!anyChanged)
                {
                    context.Counters.AddUnchanged();
                    continue;
                }

                context.Counters.AddChanged();
                if (mapping.Error is null)
                {
                    await context.RecordAsync(ItemResult.Ok(MessageComponents.Stored, mapping.Key, Payload(mapping)), cancellationToken);
                }
            }

            batch.Clear();
        }
    }
}
