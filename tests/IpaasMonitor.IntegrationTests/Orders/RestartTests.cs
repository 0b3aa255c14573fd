using System.Globalization;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Orders;
using IpaasMonitor.Sandbox;
using IpaasMonitor.Sandbox.Orders;
using IpaasMonitor.Sandbox.Vtex;
using Microsoft.EntityFrameworkCore;
using static IpaasMonitor.IntegrationTests.Orders.OrderTestKit;

namespace IpaasMonitor.IntegrationTests.Orders;

/// <summary>The hub restarts between stages while the outer systems keep running (one sandbox for both processes).</summary>
public sealed class OrderRestartTests : IAsyncLifetime
{
    private SandboxHost sandbox = null!;

    public async Task InitializeAsync() =>
        sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            Faults = [],
            ChangeInterval = TimeSpan.FromDays(1),
            Orders = new SandboxOrderOptions { Interval = TimeSpan.Zero, ErpAutoProcess = false, DuplicateEventRate = 0 },
        });

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task RestartBetweenStages_LosesNothing_AndDuplicatesNothing()
    {
        var database = Path.Combine(Path.GetTempPath(), $"ipaas-orders-restart-{Guid.NewGuid():N}.db");
        OmsOrder order;
        await using (var first = new IpaasMonitorApp(database, scheduling: false, extra: External()))
        {
            _ = first.Services;
            await RunAsync(first, 23);
            order = Oms(sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse });
            var other = Oms(sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = BranchWarehouse });
            await RunAsync(first, 24, 26, 27);
            (await HubOrderAsync(first, order.OrderId)).Stage.Should().Be(OrderStage.CustomerReady);
            (await HubOrderAsync(first, other.OrderId)).Stage.Should().Be(OrderStage.CustomerReady);
        }

        // The feed events were not committed before the "crash": their handles are in the hub, and 25 commits them now.
        await using var second = new IpaasMonitorApp(database, scheduling: false, extra: External());
        _ = second.Services;
        await RunAsync(second, 24, 25, 26, 27, 28, 29, 25);
        foreach (var erpOrder in Erp(sandbox).Orders)
        {
            Erp(sandbox).Invoice(erpOrder.OrderCode);
        }

        await RunAsync(second, 30, 31, 32, 33, 38);

        (await second.DbAsync(db => db.HubOrders.CountAsync())).Should().Be(2);
        (await second.DbAsync(db => db.HubOrders.Select(o => o.Stage).ToListAsync())).Should().OnlyContain(s => s == OrderStage.Invoiced);
        Erp(sandbox).Orders.Should().HaveCount(2);
        Erp(sandbox).Customers.Count.Should().BeLessThanOrEqualTo(2);
        Oms(sandbox).Orders.Should().OnlyContain(o => o.Status == "invoiced" && o.Invoices.Count == 1);
        sandbox.State.Inspect().Orders!.TotalDuplicates.Should().Be(0);
        (await MessagesOfAsync(second, order.OrderId)).Should().ContainSingle(m => m.Component == OrderVtexToHub.ReceivedComponent);
    }

    /// <summary>Both demo connections pointed at the test's own sandbox (not an embedded one).</summary>
    private Dictionary<string, string?> External()
    {
        var settings = Settings(new Dictionary<string, string?> { ["Sandbox:Embedded"] = "false", ["Auth:DemoAccounts"] = "true" });
        var tenants = SandboxOptions.DefaultErpTenants();
        var accounts = SandboxOptions.DefaultVtexAccounts();
        for (var i = 0; i < 2; i++)
        {
            var prefix = $"IpaasMonitor:Connections:{i.ToString(CultureInfo.InvariantCulture)}:";
            var tenant = tenants[i];
            var account = accounts[i];
            settings[prefix + "Erp:BaseAddress"] = sandbox.ErpBaseAddress(tenant.Name).ToString();
            settings[prefix + "Erp:ClientId"] = tenant.ClientId;
            settings[prefix + "Erp:ClientSecret"] = tenant.ClientSecret;
            settings[prefix + "Erp:Username"] = tenant.Username;
            settings[prefix + "Erp:Password"] = tenant.Password;
            settings[prefix + "Vtex:Account"] = account.Name;
            settings[prefix + "Vtex:BaseAddress"] = sandbox.VtexBaseAddress(account.Name).ToString();
            settings[prefix + "Vtex:PricingBaseAddress"] = sandbox.VtexPricingBaseAddress(account.Name).ToString();
            settings[prefix + "Vtex:AppKey"] = account.AppKey;
            settings[prefix + "Vtex:AppToken"] = account.AppToken;
        }

        return settings;
    }
}
