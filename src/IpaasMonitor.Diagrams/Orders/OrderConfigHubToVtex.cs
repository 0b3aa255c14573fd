using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Orders;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 23 - OrderConfig-HubToVtex: keeps the VTEX feed (and, when a URL is configured, the hook) configured as the hub
/// needs. VTEX deletes a feed configuration after a retention period without events and a hook after 3 days without
/// notifications, so the configuration is read back and re-sent only when it is missing or different.
/// </summary>
public sealed class OrderConfigHubToVtex(ConnectorFactory connectors) : IDiagram
{
    public const string FeedKey = "feed";
    public const string HookKey = "hook";
    public const string ConfiguredComponent = "CONFIG OK";

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var key in Keys(context))
        {
            context.Counters.AddRead();
            var result = await ApplyAsync(context, key, onlyWhenDifferent: true, cancellationToken);
            if (result is not null)
            {
                context.Counters.AddChanged();
                await context.RecordAsync(result, cancellationToken);
            }
            else
            {
                context.Counters.AddUnchanged();
            }
        }
    }

    public async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await ApplyAsync(context, businessKey == HookKey ? HookKey : FeedKey, onlyWhenDifferent: false, cancellationToken)
            ?? ItemResult.Ok(ConfiguredComponent, businessKey, null);
    }

    public static VtexFeedConfig FeedConfig(OrderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new VtexFeedConfig(
            new VtexWorkflowFilter("FromWorkflow", options.FeedStatuses),
            new VtexFeedQueue(options.FeedVisibilityTimeoutSeconds, options.FeedRetentionSeconds));
    }

    private static IEnumerable<string> Keys(DiagramContext context) =>
        string.IsNullOrWhiteSpace(context.Connection.Orders.HookUrl) ? [FeedKey] : [FeedKey, HookKey];

    private async Task<ItemResult?> ApplyAsync(DiagramContext context, string key, bool onlyWhenDifferent, CancellationToken cancellationToken)
    {
        var vtex = connectors.GetVtexOrdersClient(context.Connection.Id);
        var options = context.Connection.Orders;
        var step = $"GET {key}/config";
        try
        {
            if (key == HookKey)
            {
                var hook = new VtexHookConfig(new VtexWorkflowFilter("FromWorkflow", options.FeedStatuses), new VtexHook(options.HookUrl!, new Dictionary<string, string>()));
                var currentHook = await vtex.GetHookConfigAsync(cancellationToken);
                var hookPayload = JsonSerializer.Serialize(hook, VtexJsonOptions);
                if (onlyWhenDifferent && currentHook is { } h && Same(h, hookPayload))
                {
                    return null;
                }

                step = "POST hook/config";
                await vtex.SetHookConfigAsync(hook, cancellationToken);
                return ItemResult.Ok(ConfiguredComponent, HookKey, hookPayload);
            }

            var feed = FeedConfig(options);
            var payload = JsonSerializer.Serialize(feed, VtexJsonOptions);
            var current = await vtex.GetFeedConfigAsync(cancellationToken);
            if (onlyWhenDifferent && current is { } c && Same(c, payload))
            {
                return null;
            }

            step = "POST feed/config";
            await vtex.SetFeedConfigAsync(feed, cancellationToken);
            return ItemResult.Ok(ConfiguredComponent, FeedKey, payload);
        }
        catch (ConnectorException ex)
        {
            return ItemResult.Fail(step, key, null, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt);
        }
    }

    private static readonly JsonSerializerOptions VtexJsonOptions = Connectors.Vtex.VtexJson.Options;

    /// <summary>Same filter type, statuses and queue settings (VTEX may add fields of its own).</summary>
    private static bool Same(JsonElement current, string wanted)
    {
        using var document = JsonDocument.Parse(wanted);
        return Contains(current, document.RootElement);
    }

    private static bool Contains(JsonElement actual, JsonElement expected)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                if (actual.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                foreach (var property in expected.EnumerateObject())
                {
                    var match = actual.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
                    if (match.Value.ValueKind == JsonValueKind.Undefined || !Contains(match.Value, property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                return actual.ValueKind == JsonValueKind.Array
                    && actual.EnumerateArray().Select(e => e.ToString()).Order(StringComparer.Ordinal)
                        .SequenceEqual(expected.EnumerateArray().Select(e => e.ToString()).Order(StringComparer.Ordinal), StringComparer.Ordinal);
            default:
                return string.Equals(actual.ToString(), expected.ToString(), StringComparison.Ordinal);
        }
    }
}
