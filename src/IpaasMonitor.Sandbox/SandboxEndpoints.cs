using System.Text.Json;
using IpaasMonitor.Sandbox.Erp;
using IpaasMonitor.Sandbox.Faults;
using IpaasMonitor.Sandbox.Infrastructure;
using IpaasMonitor.Sandbox.Vtex;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpaasMonitor.Sandbox;

/// <summary>Registration of the sandbox in any ASP.NET Core app (its own host, or the web app in the embedded demo).</summary>
public static class SandboxEndpoints
{
    /// <summary>Registers the <see cref="SandboxState"/> singleton built from <paramref name="options"/>.</summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new SandboxState(sp.GetRequiredService<SandboxOptions>()));
        return services;
    }

    /// <summary>
    /// Maps the fake APIs under <paramref name="prefix"/> (default: the root):
    /// <c>erp/{tenant}/api/totvsmoda/…</c>, <c>vtex/{account}/api/…</c>, <c>vtex-pricing/{account}/pricing/…</c>
    /// and the control routes <c>_sandbox/…</c>. Endpoints allow anonymous access (they check their own credentials).
    /// </summary>
    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var root = endpoints.MapGroup("/" + (prefix ?? "").Trim('/'));
        root.AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        var erp = root.MapGroup("erp/{tenant}");
        erp.AddEndpointFilter<SandboxRequestFilter>();
        ErpEndpoints.Map(erp);
        OrdersEndpoints.Map(erp);
        ErpCatalogEndpoints.Map(erp);

        var vtex = root.MapGroup("vtex/{account}");
        vtex.AddEndpointFilter<SandboxRequestFilter>();
        VtexBrandEndpoints.Map(vtex);
        OmsEndpoints.Map(vtex);
        VtexCatalogEndpoints.Map(vtex);
        VtexSkuEndpoints.Map(vtex);
        VtexLogisticsEndpoints.Map(vtex);

        var pricing = root.MapGroup("vtex-pricing/{account}");
        pricing.AddEndpointFilter<SandboxRequestFilter>();
        VtexPricingEndpoints.Map(pricing);

        MapControl(root.MapGroup("_sandbox"));
        return endpoints;
    }

    private static void MapControl(RouteGroupBuilder control)
    {
        control.MapGet("inspect", (SandboxState state) => Results.Json(state.Inspect(), SandboxJson.Control));

        control.MapPost("reset", (SandboxState state) =>
        {
            state.ResetCounters();
            return Results.NoContent();
        });

        control.MapGet("faults", (SandboxState state) => Results.Json(state.Faults.Rules, SandboxJson.Control));

        control.MapPost("faults", async (HttpContext http, SandboxState state, bool? replace, bool? reseed) =>
        {
            List<FaultRule> rules;
            try
            {
                using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && ErpSearchRequest.Property(root, "rules").ValueKind == JsonValueKind.Array)
                {
                    replace ??= ErpSearchRequest.Property(root, "replace").ValueKind == JsonValueKind.True;
                    root = ErpSearchRequest.Property(root, "rules");
                }

                rules = root.ValueKind == JsonValueKind.Array
                    ? root.Deserialize<List<FaultRule>>(SandboxJson.Control) ?? []
                    : [root.Deserialize<FaultRule>(SandboxJson.Control)!];
            }
            catch (JsonException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }

            try
            {
                if (replace == true)
                {
                    state.Faults.Clear();
                }

                foreach (var rule in rules)
                {
                    state.Faults.Set(rule);
                }

                if (reseed == true)
                {
                    state.Faults.Reseed();
                }
            }
            catch (ArgumentException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }

            return Results.Json(state.Faults.Rules, SandboxJson.Control);
        });

        control.MapDelete("faults", (SandboxState state) =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });

        control.MapGet("journal", (SandboxState state, string? account, int? take) =>
        {
            var entries = state.Journal.Snapshot().Where(e => account is null || string.Equals(e.Account, account, StringComparison.Ordinal));
            return Results.Json(entries.TakeLast(Math.Clamp(take ?? 500, 1, 100_000)).ToList(), SandboxJson.Control);
        });

        control.MapPost("erp/{tenant}/revoke-tokens", (SandboxState state, string tenant) =>
        {
            if (!state.Erp.TenantNames.Contains(tenant))
            {
                return Results.NotFound();
            }

            state.Erp.RevokeTokens(tenant);
            return Results.NoContent();
        });

        control.MapPost("erp/{tenant}/price-stock-changes", (SandboxState state, string tenant, int? count) =>
        {
            if (!state.Erp.TenantNames.Contains(tenant))
            {
                return Results.NotFound();
            }

            var changed = state.Erp.Tenant(tenant).ChangePricesAndStock(Math.Clamp(count ?? 1, 0, 100_000));
            return Results.Json(new { changed }, SandboxJson.Control);
        });

        control.MapPost("vtex/{account}/forbidden", (SandboxState state, string account, bool? value) =>
        {
            if (!state.Vtex.AccountNames.Contains(account))
            {
                return Results.NotFound();
            }

            state.Vtex.Account(account).Forbidden = value ?? true;
            return Results.NoContent();
        });
    }
}
