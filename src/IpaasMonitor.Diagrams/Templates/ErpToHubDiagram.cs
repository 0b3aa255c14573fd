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
/// a change date in the future, a parent cycle, or a page that cannot be used each end as one failed message while
/// the run goes on (ADR-016); after a bad page the watermark stays where it was, so the next run reads that window
/// again, and it never moves past the run's own now.
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

    /// <summary>The JSON property <see cref="ChangedAt"/> reads, to name it when it is in the future.</summary>
    protected virtual string ChangedAtProperty => "maxChangeFilterDate";

    /// <summary>
    /// The hub kind whose records name a parent of the same kind (categories), with the words for a cycle among them
    /// ("categorias"); null when this diagram has none. Records in a parent cycle are refused (ADR-016).
    /// </summary>
    protected virtual (string Kind, string Label)? SameKindParents => null;

    /// <summary>How far a change date may be ahead of the run's now (clocks of the ERP and of this server differ a little).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

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

            if (FutureDated(context, item) is { } future)
            {
                return future;
            }

            var mapping = Map(context, item.Value, state);
            if (mapping.Key != businessKey && QueryKey(mapping.Key) != QueryKey(businessKey))
            {
                continue;
            }

            if (SameKindParents is { } same && mapping.Entries.Count > 0)
            {
                var parents = await ParentMapAsync(context, same.Kind, cancellationToken);
                foreach (var entry in mapping.Entries.Where(e => e.Kind == same.Kind))
                {
                    parents[entry.Item.ErpKey] = entry.Item.ParentKey;
                }

                if (mapping.Entries.Where(e => e.Kind == same.Kind).Select(e => ParentCycles.Through(e.Item.ErpKey, k => parents.GetValueOrDefault(k))).FirstOrDefault(c => c is not null) is { } cycle)
                {
                    return ItemResult.Fail(ReadComponent, mapping.Key, item.RawJson, ErpErrors.ParentCycle(same.Label, cycle));
                }
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
        ? ItemResult.Fail(ReadComponent, $"página {item.Page.ToString(CultureInfo.InvariantCulture)}", item.RawJson, ErpErrors.InvalidPage(item.Page, item.Error), item.Detail)
        : ItemResult.Fail(ReadComponent, KeyOf(item), item.RawJson, ErpErrors.InvalidRecord(item.Error), item.Detail);

    private string KeyOf(ErpItem<T> item) =>
        ErpRecordKeys.KeyOf(item.RawJson, KeyProperty) ?? $"página {item.Page.ToString(CultureInfo.InvariantCulture)} item {(item.Index + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The failure of a record whose change date is later than the run's now (beyond <see cref="FutureTolerance"/>); null otherwise.</summary>
    private ItemResult? FutureDated(DiagramContext context, ErpItem<T> item)
    {
        var changed = ChangedAt(item.Value!);
        var now = context.UtcNow;
        return changed.UtcDateTime > now + FutureTolerance
            ? ItemResult.Fail(ReadComponent, KeyOf(item), item.RawJson, ErpErrors.FutureChange(ChangedAtProperty, changed, now))
            : null;
    }

    /// <summary>The parent of every hub record of <paramref name="kind"/> (key → parent key).</summary>
    private async Task<Dictionary<string, string?>> ParentMapAsync(DiagramContext context, string kind, CancellationToken cancellationToken) =>
        (await hub.ListAsync(context.Connection.Id, kind, cancellationToken)).ToDictionary(r => r.ErpKey, r => r.ParentKey, StringComparer.Ordinal);

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
        private Dictionary<string, string?>? parents;

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

            if (owner.FutureDated(context, item) is { } future)
            {
                await context.RecordAsync(future, cancellationToken);
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
                await context.RecordAsync(
                    ItemResult.Fail(owner.ReadComponent, owner.KeyOf(item), item.RawJson, ErpErrors.InvalidRecord("um valor do registro não pôde ser usado; veja o detalhe."), $"{ex.GetType().Name}: {ex.Message}"),
                    cancellationToken);
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

            if (owner.SameKindParents is { } same)
            {
                await RefuseCyclesAsync(same.Kind, same.Label, cancellationToken);
            }

            // The records and the messages of those that really changed, in one transaction (ADR-027): a kill never
            // leaves a stored record without its message, nor a message for a record the hub did not take.
            var groups = batch.SelectMany(b => b.Mapping.Entries).GroupBy(e => e.Kind, StringComparer.Ordinal)
                .Select(g => (g.Key, (IReadOnlyCollection<HubItem>)[.. g.Select(e => e.Item)])).ToList();
            var pending = batch.Select(b => b.Mapping).ToList();
            var changed = await owner.Hub.UpsertWithMessagesAsync(
                context.Connection.Id,
                groups,
                changed => [.. pending.Where(m => m.Error is null && AnyChanged(m, changed)).Select(m => ItemResult.Ok(MessageComponents.Stored, m.Key, Payload(m)))],
                cancellationToken);
            foreach (var mapping in pending)
            {
                if (!AnyChanged(mapping, changed))
                {
                    context.Counters.AddUnchanged();
                    continue;
                }

                context.Counters.AddChanged();
                if (mapping.Error is null)
                {
                    context.Counters.AddSent(); // its message was written with the records
                }
            }

            batch.Clear();
        }

        private static bool AnyChanged(ErpRecordMapping mapping, IReadOnlySet<(string Kind, string Key)> changed) =>
            mapping.Entries.Any(e => changed.Contains((e.Kind, e.Item.ErpKey)));

        /// <summary>
        /// Takes out of the batch every record whose parents (this batch over what the hub holds) lead back to it,
        /// each with one failed message naming the cycle; the others keep their place.
        /// </summary>
        private async Task RefuseCyclesAsync(string kind, string label, CancellationToken cancellationToken)
        {
            parents ??= await owner.ParentMapAsync(context, kind, cancellationToken);
            var overlay = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var entry in batch.SelectMany(b => b.Mapping.Entries).Where(e => e.Kind == kind))
            {
                overlay[entry.Item.ErpKey] = entry.Item.ParentKey;
            }

            string? ParentOf(string key) => overlay.TryGetValue(key, out var parent) ? parent : parents.GetValueOrDefault(key);
            var refused = new List<(ErpRecordMapping Mapping, string Raw)>();
            foreach (var pending in batch)
            {
                var cycle = pending.Mapping.Entries.Where(e => e.Kind == kind).Select(e => ParentCycles.Through(e.Item.ErpKey, ParentOf)).FirstOrDefault(c => c is not null);
                if (cycle is not null)
                {
                    refused.Add(pending);
                    await context.RecordAsync(ItemResult.Fail(owner.ReadComponent, pending.Mapping.Key, pending.Raw, ErpErrors.ParentCycle(label, cycle)), cancellationToken);
                }
            }

            batch.RemoveAll(refused.Contains);
            foreach (var entry in batch.SelectMany(b => b.Mapping.Entries).Where(e => e.Kind == kind))
            {
                parents[entry.Item.ErpKey] = entry.Item.ParentKey;
            }
        }
    }
}
