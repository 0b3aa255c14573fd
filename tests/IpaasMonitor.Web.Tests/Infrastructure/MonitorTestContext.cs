using Bunit;
using Bunit.TestDoubles;
using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Diagrams;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Hosting;
using IpaasMonitor.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace IpaasMonitor.Web.Tests.Infrastructure;

/// <summary>
/// bUnit context wired like the app: real SQLite with migrations, the real MessageQueries and MessageActions
/// (with a Hangfire client on in-memory storage), MudBlazor services set up for tests, a fake clock.
/// </summary>
public abstract class MonitorTestContext : BunitContext, IAsyncLifetime
{
    public static readonly DateTime Now = new(2024, 3, 7, 22, 0, 0, DateTimeKind.Utc);

    private readonly InMemoryStorage hangfireStorage = new();

    protected SqliteTestDatabase Database { get; private set; } = null!;

    protected FakeClock Clock { get; } = new(new DateTimeOffset(Now));

    protected BackgroundJobClient Jobs => new(hangfireStorage);

    public virtual async Task InitializeAsync()
    {
        Database = await SqliteTestDatabase.CreateAsync();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(Database.Factory);
        Services.AddSingleton<IBackgroundJobClient>(Jobs);
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddHttpClient();
        Services.AddConnectors(new ConfigurationBuilder().Build());
        Services.AddDiagrams();
        Services.AddMonitorUi();
        Services.AddTransient<AuditLog>();
        Auth = AddAuthorization();
        ActAs("operador@teste", Roles.Operator);
        Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        hangfireStorage.Dispose();
        await Database.DisposeAsync();
    }

    protected BunitAuthorizationContext Auth { get; private set; } = null!;

    /// <summary>Signs the test user in with one role; Operators and Admins get the operate policy, Admins the admin one.</summary>
    protected void ActAs(string userName, string role)
    {
        Auth.SetAuthorized(userName);
        Auth.SetRoles(role);
        var policies = new List<string>();
        if (role is Roles.Operator or Roles.Admin)
        {
            policies.Add(Roles.OperatePolicy);
        }

        if (role == Roles.Admin)
        {
            policies.Add(Roles.AdminPolicy);
        }

        Auth.SetPolicies([.. policies]);
    }

    /// <summary>A connection whose settings pass the start-up validation (nothing is called on these addresses).</summary>
    protected static IpaasMonitor.Connectors.ConnectionOptions ValidConnection(string id) => new()
    {
        Id = id,
        Erp = new IpaasMonitor.Connectors.ErpOptions { BaseAddress = "https://erp.invalid/", ClientId = "c", ClientSecret = "s", Username = "u", Password = "p" },
        Vtex = new IpaasMonitor.Connectors.VtexOptions { Account = "loja", BaseAddress = "https://loja.invalid/", AppKey = "k", AppToken = "t" },
    };

    protected void NavigateTo(string uri) => Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(uri);

    protected async Task<T> WithDbAsync<T>(Func<IpaasDbContext, Task<T>> read)
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        return await read(db);
    }
}
