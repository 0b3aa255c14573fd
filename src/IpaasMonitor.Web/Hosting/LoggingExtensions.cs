using Serilog;
using Serilog.Events;

namespace IpaasMonitor.Web.Hosting;

public static class LoggingExtensions
{
    /// <summary>Serilog to the console and a daily rolling file (path: Logging:File, default logs/ipaasmonitor-.log).</summary>
    public static IServiceCollection AddIpaasMonitorLogging(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var file = configuration["Logging:File"] ?? Path.Combine(contentRoot, "logs", "ipaasmonitor-.log");
        services.AddSerilog((sp, config) => config
            .ReadFrom.Configuration(configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", LogEventLevel.Error) // the connectors log their own retries, once each
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                file,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                shared: true,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}"));
        return services;
    }
}
