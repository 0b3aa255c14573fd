using Hangfire;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Diagrams;
using IpaasMonitor.Web.Alerts;
using IpaasMonitor.Web.Components;
using IpaasMonitor.Web.Hosting;
using IpaasMonitor.Web.Security;
using MudBlazor.Services;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
var contentRoot = builder.Environment.ContentRootPath;
var embeddedDemo = EmbeddedSandbox.AddEmbeddedSandbox(builder);

builder.Services.AddIpaasMonitorLogging(builder.Configuration, contentRoot);
builder.Services.AddIpaasMonitorData(builder.Configuration, contentRoot);
builder.Services.AddTransient<DatabaseInitializer>();
builder.Services.AddConnectors(builder.Configuration);
builder.Services.AddDiagrams();
builder.Services.AddHostedService<StartupTasks>();
builder.Services.AddHostedService<NodeHeartbeatService>();
builder.Services.AddScheduling(builder.Configuration);
builder.Services.AddIpaasMonitorHealth();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddMonitorUi();
builder.Services.AddMessageSearch(builder.Configuration, contentRoot, embeddedDemo);
builder.Services.AddAlerts(builder.Configuration);
builder.Services.AddIpaasMonitorSecurity(builder.Configuration, builder.Environment);

var app = builder.Build();

app.UseSerilogRequestLogging(o =>
{
    // The host's own logger: the static Log.Logger is preserved (silent) so each host in a test process keeps its sinks.
    o.Logger = app.Services.GetService<Serilog.ILogger>();
    o.EnrichDiagnosticContext = (log, context) => log.Set(ErrorPages.CorrelationIdProperty, context.TraceIdentifier);
});
app.UseIpaasMonitorErrorPages(app.Environment);
app.UseSecurityHeaders();
app.UseLocalRedirectsOnly();
app.UseStaticFiles();
app.UseMonitorUiLocalization();
app.UseSignInRateLimit();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseAntiforgeryEnforcement();
app.MapIpaasMonitorHealth().AllowAnonymous();
app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new HangfireAdminFilter()] })
    .RequireAuthorization(Roles.AdminPolicy);
app.MapAccountEndpoints();
app.MapMonitorUi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can find it.</summary>
public partial class Program;
