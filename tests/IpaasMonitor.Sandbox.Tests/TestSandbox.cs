using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Sandbox.Tests;

/// <summary>A sandbox on a real port with no faults and a fake clock, plus ready-made clients.</summary>
internal sealed class TestSandbox : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    private readonly List<HttpClient> clients = [];

    private TestSandbox(SandboxHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
        Http = Track(new HttpClient { BaseAddress = host.BaseAddress });
    }

    public SandboxHost Host { get; }

    public SandboxState State => Host.State;

    public FakeTimeProvider Time { get; }

    /// <summary>Client on the sandbox root (control routes).</summary>
    public HttpClient Http { get; }

    public static async Task<TestSandbox> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var options = new SandboxOptions { Faults = [], TimeProvider = time, ReferenceCount = 20 };
        configure?.Invoke(options);
        var host = await SandboxHost.StartAsync(options, CancellationToken.None);
        return new TestSandbox(host, time);
    }

    /// <summary>Client for a VTEX account with its demo keys (or the given ones).</summary>
    public HttpClient Vtex(string account = "loja-a", string? appKey = null, string? appToken = null)
    {
        var options = SandboxOptions.DefaultVtexAccounts().Single(a => a.Name == account);
        var client = Track(new HttpClient { BaseAddress = Host.VtexBaseAddress(account) });
        client.DefaultRequestHeaders.Add("X-VTEX-API-AppKey", appKey ?? options.AppKey);
        client.DefaultRequestHeaders.Add("X-VTEX-API-AppToken", appToken ?? options.AppToken);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Client for an ERP tenant without a token.</summary>
    public HttpClient ErpAnonymous(string tenant = "tenant-a") =>
        Track(new HttpClient { BaseAddress = Host.ErpBaseAddress(tenant) });

    /// <summary>Client for an ERP tenant carrying a fresh bearer token.</summary>
    public async Task<HttpClient> ErpAsync(string tenant = "tenant-a")
    {
        var client = ErpAnonymous(tenant);
        var token = await TokenAsync(client, tenant);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    public static async Task<JsonElement> TokenAsync(HttpClient erp, string tenant, string? password = null)
    {
        var response = await erp.PostAsync("api/totvsmoda/authorization/v2/token", TokenForm(tenant, password));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static FormUrlEncodedContent TokenForm(string tenant, string? password = null)
    {
        var t = SandboxOptions.DefaultErpTenants().Single(x => x.Name == tenant);
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = t.ClientId,
            ["client_secret"] = t.ClientSecret,
            ["username"] = t.Username,
            ["password"] = password ?? t.Password,
        });
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
    }

    private HttpClient Track(HttpClient client)
    {
        clients.Add(client);
        return client;
    }
}
