using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Connectors.Tests;

public sealed class ConnectorRegistrationTests
{
    private static readonly Uri Server = new("http://127.0.0.1:9/");

    [Fact]
    public void StartupValidation_NamesTheMissingSetting()
    {
        var error = ValidateAtStart(new Dictionary<string, string?> { ["IpaasMonitor:Connections:0:Erp:BaseAddress"] = "" });

        error.Message.Should().Contain("IpaasMonitor:Connections:0:Erp:BaseAddress is required (connection 'loja-a')");
    }

    [Fact]
    public void StartupValidation_ReportsEveryProblem_WithoutEchoingSecrets()
    {
        var error = ValidateAtStart(new Dictionary<string, string?>
        {
            ["IpaasMonitor:Connections:0:Vtex:AppToken"] = "",
            ["IpaasMonitor:Connections:0:Vtex:BaseAddress"] = "not a url",
            ["IpaasMonitor:Resilience:Vtex:BreakDuration"] = "00:00:00.1",
        });

        error.Failures.Should().Contain("IpaasMonitor:Connections:0:Vtex:AppToken is required (connection 'loja-a')");
        error.Failures.Should().Contain("IpaasMonitor:Connections:0:Vtex:BaseAddress must be an absolute http(s) URL, got 'not a url' (connection 'loja-a')");
        error.Failures.Should().Contain("IpaasMonitor:Resilience:Vtex:BreakDuration must be at least 00:00:00.5");
        error.Message.Should().NotContain("s3cret");
    }

    [Fact]
    public void StartupValidation_RejectsDuplicateConnectionIds()
    {
        var settings = ConnectorTestHost.Settings(Server);
        foreach (var (key, value) in settings.Where(s => s.Key.StartsWith("IpaasMonitor:Connections:0:", StringComparison.Ordinal)).ToList())
        {
            settings[key.Replace(":0:", ":1:", StringComparison.Ordinal)] = value;
        }

        var error = Validate(settings);

        error.Message.Should().Contain("IpaasMonitor:Connections:1:Id 'loja-a' is used by another connection");
    }

    [Fact]
    public void Factory_GivesClientsPerConnection_AndRefusesUnknownIds()
    {
        var settings = ConnectorTestHost.Settings(Server);
        foreach (var (key, value) in settings.Where(s => s.Key.StartsWith("IpaasMonitor:Connections:0:", StringComparison.Ordinal)).ToList())
        {
            settings[key.Replace(":0:", ":1:", StringComparison.Ordinal)] = value;
        }

        settings["IpaasMonitor:Connections:1:Id"] = "loja-b";
        using var provider = Build(settings);
        var factory = provider.GetRequiredService<ConnectorFactory>();

        factory.ConnectionIds.Should().Equal("loja-a", "loja-b");
        factory.GetErpClient("loja-b").ConnectionId.Should().Be("loja-b");
        factory.GetVtexCatalogClient("loja-a").ConnectionId.Should().Be("loja-a");
        FluentActions.Invoking(() => factory.GetErpClient("loja-z")).Should().Throw<KeyNotFoundException>().WithMessage("*loja-z*");

        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectorClientNames.For(ConnectorSystem.Vtex, "loja-b"));
        http.BaseAddress.Should().Be(new Uri("http://127.0.0.1:9/vtex/loja-a/"));
    }

    private static OptionsValidationException ValidateAtStart(Dictionary<string, string?> overrides) =>
        Validate(ConnectorTestHost.Settings(Server, overrides));

    private static OptionsValidationException Validate(Dictionary<string, string?> settings)
    {
        using var provider = Build(settings);
        var validator = provider.GetRequiredService<IStartupValidator>();
        return FluentActions.Invoking(validator.Validate).Should().Throw<OptionsValidationException>().Which;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddConnectors(configuration).BuildServiceProvider();
    }
}
