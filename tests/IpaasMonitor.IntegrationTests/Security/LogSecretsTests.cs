using IpaasMonitor.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.IntegrationTests.Security;

public sealed class LogSecretsTests
{
    [Fact]
    public async Task ADemoRun_WritesNoConfiguredSecretToTheLogFiles_EvenWhenCodeLogsTheOptionsObject()
    {
        string logFolder;
        var secrets = new List<string>();
        await using (var app = new IpaasMonitorApp(extra: new Dictionary<string, string?> { ["Auth:Admin:Password"] = "First-Admin-Secret-123" }))
        {
            logFolder = app.LogFolder;
            _ = app.Services;
            await app.RunAsync(1);
            await app.RunAsync(2);
            app.Sandbox.State.Erp.RevokeTokens("tenant-a"); // forces a 401 and a new token request
            await app.RunAsync(1);

            var options = app.Services.GetRequiredService<IOptions<IpaasMonitorOptions>>().Value;
            foreach (var connection in options.Connections)
            {
                secrets.AddRange([connection.Erp.ClientSecret, connection.Erp.Password, connection.Vtex.AppToken, connection.Vtex.AppKey]);
            }

            secrets.Add("First-Admin-Secret-123");
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CarelessDeveloper");
#pragma warning disable CA1848, CA2254 // deliberately careless logging: the point of the test
            logger.LogInformation("Options dump {@Options} and {Raw}", options, string.Join(",", secrets));
#pragma warning restore CA1848, CA2254
        }

        secrets.Should().NotBeEmpty().And.OnlyContain(s => s.Length >= 4);
        var text = string.Join("\n", Directory.GetFiles(logFolder).Select(f => File.ReadAllText(f)));
        text.Should().Contain("CarelessDeveloper").And.Contain("Run ended");
        foreach (var secret in secrets)
        {
            text.Should().NotContain(secret);
        }
    }
}
