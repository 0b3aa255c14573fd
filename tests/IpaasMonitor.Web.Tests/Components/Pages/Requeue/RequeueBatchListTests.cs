using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Components.Pages.Requeue;
using IpaasMonitor.Web.Tests.Infrastructure;

namespace IpaasMonitor.Web.Tests.Components.Pages.Requeue;

public sealed class RequeueBatchListTests : MonitorTestContext
{
    [Fact]
    public async Task Render_ShowsEachBatchsPendingInFlightDoneFailedAgainAndSkipped()
    {
        var batch = new RequeueBatch { CreatedAtUtc = Now, RequestedBy = "ana.suporte", Description = "Grupo 02", Collected = true };
        await Database.InsertAsync([batch]);
        var states = new[]
        {
            RequeueItemState.Pending, RequeueItemState.Pending, RequeueItemState.InFlight, RequeueItemState.Done,
            RequeueItemState.Done, RequeueItemState.Done, RequeueItemState.FailedAgain, RequeueItemState.Skipped,
        };
        await Database.InsertAsync(states.Select((s, i) => new RequeueBatchItem { BatchId = batch.Id, MessageRowId = i + 1, State = s }));

        var cut = Render<RequeueBatchList>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=batch-row]").Should().ContainSingle());
        string Cell(string id) => cut.Find($"[data-testid={id}]").TextContent;
        Cell("batch-total").Should().Be("8");
        Cell("batch-pending").Should().Be("2");
        Cell("batch-inflight").Should().Be("1");
        Cell("batch-done").Should().Be("3");
        Cell("batch-failed-again").Should().Be("1");
        Cell("batch-skipped").Should().Be("1");
        Cell("batch-state").Should().Be("Em andamento");
        cut.Find("[data-testid=batch-row]").TextContent.Should().Contain("ana.suporte").And.Contain("Grupo 02");
    }
}
