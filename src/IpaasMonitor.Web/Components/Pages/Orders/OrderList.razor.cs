using System.Globalization;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Web.Alerts;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace IpaasMonitor.Web.Components.Pages.Orders;

/// <summary>
/// <c>/pedidos</c>: the hub's orders, newest first, with their stage, age and the stuck flag of the alert rules
/// (<see cref="OrderStuckRules"/>), filtered by stage, connection, age and "stuck only", keyset-paged; each links to its
/// trace. The filters live in the URL (<c>etapa</c>, <c>conexao</c>, <c>idade</c> in minutes, <c>parados=1</c>,
/// <c>antes</c>), so a filtered view can be linked (the order alerts link here).
/// </summary>
public sealed partial class OrderList
{
    public static readonly int[] AgeChoices = [15, 60, 240, 1440];

    private OrderListPage? page;
    private IReadOnlyList<string> connections = [];
    private DateTime now;
    private string? search;

    [Inject]
    private OrderListQuery Query { get; set; } = default!;

    [Inject]
    private ConnectionDirectory Connections { get; set; } = default!;

    [Inject]
    private AlertClock Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Nav { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "etapa")]
    public string? StageParameter { get; set; }

    [SupplyParameterFromQuery(Name = "conexao")]
    public string? ConnectionParameter { get; set; }

    [SupplyParameterFromQuery(Name = "idade")]
    public int? AgeParameter { get; set; }

    [SupplyParameterFromQuery(Name = "parados")]
    public int? StuckParameter { get; set; }

    [SupplyParameterFromQuery(Name = "antes")]
    public long? BeforeParameter { get; set; }

    private OrderListFilter Filter { get; set; } = new();

    /// <summary>The page's URL for a filter (relative to the base).</summary>
    public static string Url(OrderListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string>();
        if (filter.Stage is { } stage)
        {
            parts.Add("etapa=" + stage);
        }

        if (filter.ConnectionId is { Length: > 0 } connection)
        {
            parts.Add("conexao=" + Uri.EscapeDataString(connection));
        }

        if (filter.MinAgeMinutes is { } age)
        {
            parts.Add("idade=" + age.ToString(CultureInfo.InvariantCulture));
        }

        if (filter.StuckOnly)
        {
            parts.Add("parados=1");
        }

        if (filter.BeforeId is { } before)
        {
            parts.Add("antes=" + before.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? "pedidos" : "pedidos?" + string.Join('&', parts);
    }

    /// <summary>"45 min", "3 h 10 min", "2 d 4 h".</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min"
            : age.TotalHours < 24 ? $"{(int)age.TotalHours} h {age.Minutes} min"
            : $"{(int)age.TotalDays} d {age.Hours} h";
    }

    protected override async Task OnParametersSetAsync()
    {
        Filter = new OrderListFilter(
            Enum.TryParse<OrderStage>(StageParameter, ignoreCase: true, out var stage) ? stage : null,
            InputLimits.Cut(ConnectionParameter, InputLimits.Search) is { Length: > 0 } connection ? connection : null,
            AgeParameter is > 0 and <= 525_600 ? AgeParameter : null,
            StuckParameter == 1,
            BeforeParameter is > 0 ? BeforeParameter : null);
        connections = await Connections.GetConnectionIdsAsync(CancellationToken.None);
        now = Clock.UtcNow;
        page = await Query.PageAsync(Filter, CancellationToken.None);
    }

    private void Apply(OrderListFilter filter) => Nav.NavigateTo(Url(filter));

    private void Go()
    {
        if (!string.IsNullOrWhiteSpace(search))
        {
            Nav.NavigateTo(OrderTrace.Link(InputLimits.Cut(search.Trim(), InputLimits.OrderId)!));
        }
    }

    private void OnKeyUp(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            Go();
        }
    }
}
