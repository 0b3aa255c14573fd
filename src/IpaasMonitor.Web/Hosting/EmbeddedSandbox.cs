using System.Globalization;
using IpaasMonitor.Sandbox;

namespace IpaasMonitor.Web.Hosting;

/// <summary>
/// The demo's outer systems (ADR-007): starts the sandbox on a loopback port before the host is built and fills
/// every connection setting left empty from the sandbox's tenants, so the adapters use the real HTTP stack.
/// Settings given by configuration or environment always win.
/// </summary>
public static class EmbeddedSandbox
{
    public const string SectionName = "Sandbox";

    public static async Task<SandboxHost?> StartIfEnabledAsync(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(SectionName);
        if (!section.GetValue("Embedded", false))
        {
            return null;
        }

        var options = new SandboxOptions
        {
            Port = section.GetValue("Port", 0),
            Seed = section.GetValue("Seed", new SandboxOptions().Seed),
            BrandCount = section.GetValue("BrandCount", new SandboxOptions().BrandCount),
            ChangeInterval = section.GetValue("ChangeInterval", new SandboxOptions().ChangeInterval),
        };
        if (!section.GetValue("Faults", true))
        {
            options.Faults = [];
        }

        var host = await SandboxHost.StartAsync(options);
        var tenants = SandboxOptions.DefaultErpTenants();
        var accounts = SandboxOptions.DefaultVtexAccounts();
        var connections = builder.Configuration.GetSection("IpaasMonitor:Connections").GetChildren().ToList();
        var fill = new Dictionary<string, string?>();
        for (var i = 0; i < connections.Count; i++)
        {
            var tenant = tenants[i % tenants.Count];
            var account = accounts[i % accounts.Count];
            var prefix = $"IpaasMonitor:Connections:{i.ToString(CultureInfo.InvariantCulture)}:";
            void Fill(string key, string value)
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration[prefix + key]))
                {
                    fill[prefix + key] = value;
                }
            }

            Fill("Erp:BaseAddress", host.ErpBaseAddress(tenant.Name).ToString());
            Fill("Erp:ClientId", tenant.ClientId);
            Fill("Erp:ClientSecret", tenant.ClientSecret);
            Fill("Erp:Username", tenant.Username);
            Fill("Erp:Password", tenant.Password);
            Fill("Vtex:Account", account.Name);
            Fill("Vtex:BaseAddress", host.VtexBaseAddress(account.Name).ToString());
            Fill("Vtex:PricingBaseAddress", host.VtexPricingBaseAddress(account.Name).ToString());
            Fill("Vtex:AppKey", account.AppKey);
            Fill("Vtex:AppToken", account.AppToken);
        }

        builder.Configuration.AddInMemoryCollection(fill);
        builder.Services.AddSingleton(_ => host); // created by a factory, so the container disposes it at shutdown
        return host;
    }
}
