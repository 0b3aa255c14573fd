using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using Microsoft.AspNetCore.Components;

namespace IpaasMonitor.Web.Components.Pages.Requeue;

/// <summary>
/// The bulk re-queues and where each stands (ADR-017): pending, in flight, done, failed again, skipped. Refreshes
/// itself every <see cref="RefreshInterval"/> while a batch is unfinished. <c>?lote=N</c> highlights the batch just started.
/// </summary>
public sealed partial class RequeueBatchList : IDisposable
{
    public const int Shown = 20;

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource stop = new();
    private IReadOnlyList<RequeueProgress> batches = [];

    [SupplyParameterFromQuery(Name = "lote")]
    private long? Highlight { get; set; }

    [Inject]
    private RequeueBatches Batches { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        batches = await Batches.RecentAsync(Shown, CancellationToken.None);
        _ = RefreshLoopAsync(stop.Token);
    }

    private string State(RequeueProgress batch) => batch switch
    {
        { CompletedAtUtc: not null } => T["Batches.Completed"],
        { Collected: false } => T["Batches.Collecting"],
        _ => T["Batches.Running"],
    };

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (batches.All(b => b.CompletedAtUtc is not null))
                {
                    continue;
                }

                await InvokeAsync(async () =>
                {
                    batches = await Batches.RecentAsync(Shown, cancellationToken);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // Page left.
        }
    }
}
