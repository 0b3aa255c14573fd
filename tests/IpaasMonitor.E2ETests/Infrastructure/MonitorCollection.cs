namespace IpaasMonitor.E2ETests.Infrastructure;

/// <summary>All browser tests share one app and one Chromium, and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class MonitorCollection : ICollectionFixture<MonitorFixture>
{
    public const string Name = "Monitor";
}
