using IpaasMonitor.Data.Entities;
using IpaasMonitor.Sandbox;
using IpaasMonitor.Sandbox.Erp;
using IpaasMonitor.Sandbox.Vtex;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.Orders;

/// <summary>Shared steps of the order lifecycle tests (connection VA-CUSTOMIZADA = tenant-a + loja-a, branches 1 and 2).</summary>
internal static class OrderTestKit
{
    public const string Connection = "VA-CUSTOMIZADA";
    public const string Account = "loja-a";
    public const string Tenant = "tenant-a";
    public const string MainWarehouse = "1_1";
    public const string BranchWarehouse = "filial_2";

    /// <summary>No generated orders, no automatic ERP invoicing, no duplicate events unless a test asks: every step is the test's.</summary>
    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Orders:Interval"] = "00:00:00",
            ["Sandbox:Orders:ErpAutoProcess"] = "false",
            ["Sandbox:Orders:DuplicateEventRate"] = "0",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    public static OmsStore Oms(SandboxHost sandbox) => sandbox.State.Orders.Oms(Account);

    public static OrdersBook Erp(SandboxHost sandbox) => sandbox.State.Orders.Erp(Tenant);

    /// <summary>Runs the diagrams in order, for the test connection.</summary>
    public static async Task RunAsync(IpaasMonitorApp app, params int[] diagrams)
    {
        foreach (var diagram in diagrams)
        {
            var run = await app.RunAsync(diagram, Connection);
            run.Should().NotBeNull($"diagram {diagram} should run");
        }
    }

    /// <summary>23 → 24 → 25 → 26 → 27 → 28/29 → 25: from the VTEX feed to handling, with the order in the ERP.</summary>
    public static Task ToHandlingAsync(IpaasMonitorApp app) => RunAsync(app, 23, 24, 25, 26, 27, 28, 29, 25);

    public static Task<HubOrder> HubOrderAsync(IpaasMonitorApp app, string orderId) =>
        app.DbAsync(db => db.HubOrders.AsNoTracking().SingleAsync(o => o.ConnectionId == Connection && o.OrderId == orderId));

    public static Task<List<IntegrationMessage>> MessagesOfAsync(IpaasMonitorApp app, string orderId) =>
        app.DbAsync(db => db.Messages.AsNoTracking().Where(m => m.CorrelationId == orderId).OrderBy(m => m.Id).ToListAsync());

    /// <summary>A client signed in as the demo operator through the real login form (antiforgery token included).</summary>
    public static async Task<HttpClient> SignedInClientAsync(IpaasMonitorApp app)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/conta/entrar");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = "operator@ipaasmonitor.local",
            ["Input.Password"] = "Operator#2026",
        });
        using var response = await client.PostAsync("/conta/entrar", content);
        ((int)response.StatusCode).Should().BeInRange(200, 399, "the demo operator signs in");
        response.Headers.TryGetValues("Set-Cookie", out var cookies).Should().BeTrue("signing in sets the auth cookie");
        cookies!.Should().Contain(c => c.StartsWith("ipaasmonitor.auth", StringComparison.Ordinal));
        return client;
    }

    /// <summary>Every VTEX request the sandbox received, checked against VTEX's OpenAPI.</summary>
    public static IReadOnlyList<string> ContractViolations(SandboxHost sandbox)
    {
        var contract = VtexOpenApiContract.Shared;
        return [.. sandbox.State.Journal.Snapshot()
            .SelectMany(e => contract.Validate(e.Method, PathAndQuery(e.Path, e.Query), e.Body).Select(v => $"{e.Method} {e.Path}: {v}"))];
    }

    private static string PathAndQuery(string path, string query) =>
        string.IsNullOrEmpty(query) || query.StartsWith('?') ? path + query : $"{path}?{query}";
}
