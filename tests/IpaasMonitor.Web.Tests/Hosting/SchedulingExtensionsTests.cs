using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Web.Hosting;

namespace IpaasMonitor.Web.Tests.Hosting;

/// <summary>The default workers' queues: the orders' and the maintenance queue only when they have no workers of their own.</summary>
public sealed class SchedulingExtensionsTests
{
    [Fact]
    public void TheDefaultWorkers_ServeTheMaintenanceAndOrdersQueues_OnlyWhenThoseHaveNoWorkersOfTheirOwn()
    {
        SchedulingExtensions.DefaultServerQueues(new SchedulingOptions())
            .Should().Equal(DiagramDefinition.DefaultQueue);
        SchedulingExtensions.DefaultServerQueues(new SchedulingOptions { MaintenanceWorkerCount = 0, OrderWorkerCount = 0 })
            .Should().Equal(JobQueues.Maintenance, DiagramDefinition.OrdersQueue, DiagramDefinition.DefaultQueue);
        new SchedulingOptions().MaintenanceWorkerCount.Should().Be(2);
    }
}
