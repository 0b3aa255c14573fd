using System.Collections.Concurrent;

namespace IpaasMonitor.Sandbox.Infrastructure;

/// <summary>Request counters per (system, scope, method, route template, status).</summary>
internal sealed class RequestStats
{
    private readonly ConcurrentDictionary<(string System, string Scope, string Method, string Template, string ShortName), ConcurrentDictionary<int, long>> counts = new();

    public void Record(SandboxRoute route, string scope, int status)
    {
        var perStatus = counts.GetOrAdd((route.System, scope, route.Method, route.Template, route.ShortName), _ => new ConcurrentDictionary<int, long>());
        perStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
    }

    public IReadOnlyList<RouteCount> Snapshot() =>
        [.. counts
            .Select(kv => new RouteCount(
                kv.Key.System,
                kv.Key.Scope,
                kv.Key.Method,
                kv.Key.Template,
                $"{kv.Key.System}:{kv.Key.Method} {kv.Key.ShortName}",
                kv.Value.Values.Sum(),
                kv.Value.OrderBy(s => s.Key).ToDictionary(s => s.Key, s => s.Value)))
            .OrderBy(r => r.System, StringComparer.Ordinal)
            .ThenBy(r => r.Scope, StringComparer.Ordinal)
            .ThenBy(r => r.Route, StringComparer.Ordinal)
            .ThenBy(r => r.Method, StringComparer.Ordinal)];

    public void Clear() => counts.Clear();
}

/// <summary>Requests received on one route of one tenant/account, by status code.</summary>
public sealed record RouteCount(
    string System,
    string Scope,
    string Method,
    string Route,
    string Key,
    long Total,
    IReadOnlyDictionary<int, long> Statuses);
