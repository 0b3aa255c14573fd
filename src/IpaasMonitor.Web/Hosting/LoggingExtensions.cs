using IpaasMonitor.Web.Security;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace IpaasMonitor.Web.Hosting;

public static class LoggingExtensions
{
    /// <summary>Serilog to the console and a daily rolling file (path: Logging:File, default logs/ipaasmonitor-.log).</summary>
    public static IServiceCollection AddIpaasMonitorLogging(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var file = configuration["Logging:File"] ?? Path.Combine(contentRoot, "logs", "ipaasmonitor-.log");
        const string template = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";
        const string consoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";
        services.AddSerilog((sp, config) => config
            .ReadFrom.Configuration(configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", LogEventLevel.Error) // the connectors log their own retries, once each
            .Enrich.FromLogContext()
            .WriteTo.Console(Masked(consoleTemplate, configuration))
            .WriteTo.File(
                Masked(template, configuration),
                file,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                shared: true),
            preserveStaticLogger: true); // each host keeps its own logger (tests run several hosts in one process)
        return services;
    }

    // Secrets are read when the logger is built, after every configuration source (sandbox demo values included) is in.
    private static SecretMaskingFormatter Masked(string template, IConfiguration configuration) =>
        new(new MessageTemplateTextFormatter(template, System.Globalization.CultureInfo.InvariantCulture), SecretMaskingFormatter.SecretsIn(configuration));
}
