using Cronos;
using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Diagrams.Tests.Catalog;

public sealed class DiagramCatalogTests : IDisposable
{
    private readonly string contentRoot = Directory.CreateTempSubdirectory("catalogue-").FullName;
    private readonly InMemoryStorage jobStorage = new();

    public void Dispose()
    {
        jobStorage.Dispose();
        Directory.Delete(contentRoot, recursive: true);
    }

    /// <summary>The engine's services as the app registers them (<c>AddDiagrams</c>), with what they depend on.</summary>
    private ServiceCollection EngineServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddIpaasMonitorData(configuration, contentRoot);
        services.AddHttpClient();
        services.AddConnectors(configuration);
        services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(jobStorage));
        services.AddSingleton<IRecurringJobManager>(new RecurringJobManager(jobStorage));
        services.AddDiagrams();
        return services;
    }

    [Fact]
    public void EveryRow_ResolvesToExactlyOneRegisteredImplementation_OfTheClassItNames()
    {
        var services = EngineServices();
        var registrations = services.Where(s => s.ServiceType == typeof(IDiagram)).ToList();
        registrations.Should().OnlyContain(s => s.IsKeyedService, "diagrams are found by their row's number, never as a list");
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var registry = provider.GetRequiredService<DiagramRegistry>();

        foreach (var row in DiagramCatalog.All)
        {
            registrations.Where(s => Equals(s.ServiceKey, row.Number)).Should().ContainSingle($"row {row.Number:00} has one registration");
            provider.GetRequiredKeyedService<IDiagram>(row.Number).Should().BeOfType(row.Implementation, $"row {row.Number:00} names it");
            registry.Get(row.Number).Should().BeSameAs(provider.GetRequiredKeyedService<IDiagram>(row.Number));
        }

        registrations.Should().HaveCount(DiagramCatalog.All.Count);
    }

    [Fact]
    public void EveryDiagramClassOfTheEngine_IsNamedByARow()
    {
        var classes = typeof(IDiagram).Assembly.GetTypes()
            .Where(t => typeof(IDiagram).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToList();

        classes.Should().BeEquivalentTo(DiagramCatalog.All.Select(d => d.Implementation).Distinct());
    }

    [Fact]
    public void RowsThatShareAClass_DifferByTheirVariant()
    {
        foreach (var shared in DiagramCatalog.All.GroupBy(d => d.Implementation).Where(g => g.Count() > 1))
        {
            shared.Select(d => d.Variant).Should().OnlyHaveUniqueItems($"{shared.Key.Name} tells its rows apart by variant only")
                .And.NotContain(DiagramVariant.None);
        }
    }

    [Fact]
    public void ChainTargets_StayInTheirRowsQueue_AndCatalogueChainsOnlyGoDownTheParentChain()
    {
        var chained = DiagramCatalog.All.Where(d => d.Next.Count > 0).ToList();
        chained.Should().NotBeEmpty();
        foreach (var row in chained)
        {
            foreach (var next in row.Next)
            {
                DiagramCatalog.TryGet(next, out var target).Should().BeTrue($"{row.Id} hands work to {next}");
                target.Queue.Should().Be(row.Queue);
                next.Should().NotBe(row.Number);
                if (row.Queue == DiagramDefinition.DefaultQueue)
                {
                    // From a pair's ERP half to its VTEX half, or from a parent's VTEX half to its children's: never back (no cycle).
                    next.Should().BeGreaterThan(row.Number);
                    target.Target.Should().Be(SystemSide.Vtex);
                }
            }
        }

        DiagramCatalog.Get(24).Next.Should().Equal(25, 26);
        DiagramCatalog.Get(5).Next.Should().Equal(6);
        DiagramCatalog.Get(6).Next.Should().Equal(8, 10);
        DiagramCatalog.Get(10).Next.Should().Equal(12, 14, 16, 18, 22);
        DiagramCatalog.All.Where(d => d.Queue == DiagramDefinition.DefaultQueue && d.Source == SystemSide.Erp)
            .Should().OnlyContain(d => d.Number > 22 || d.Next.SequenceEqual(new[] { d.Number + 1 }), "an ERP read hands its changes to its pair's VTEX half");
    }

    [Fact]
    public void StartupOrder_ConfiguresTheFeedFirst_ReadsTheErpBeforeWritingVtex_AndLeavesTheDailyResendOut()
    {
        var order = DiagramCatalog.StartupOrder.Select(DiagramCatalog.Get).ToList();

        order[0].Startup.Should().Be(StartupRun.First);
        order[0].Step.Should().Be(IpaasMonitor.Diagrams.Orders.OrderStep.Setup, "VTEX queues order events only once the feed is configured");
        var firstNonErp = order.Skip(1).ToList().FindIndex(d => d.Source != SystemSide.Erp);
        order.Skip(1).Take(firstNonErp).Should().OnlyContain(d => d.Source == SystemSide.Erp);
        order.Skip(1 + firstNonErp).Should().OnlyContain(d => d.Source != SystemSide.Erp, "every ERP read comes before the writes to VTEX");
        order.Where(d => d.Target == SystemSide.Vtex && d.Source == SystemSide.Hub).Should().NotBeEmpty();
        order.Should().NotContain(d => d.Startup == StartupRun.Never);
        order.Select(d => d.Number).Should().BeEquivalentTo(DiagramCatalog.All.Where(d => d.Startup != StartupRun.Never).Select(d => d.Number));
        DiagramCatalog.All.Single(d => d.Startup == StartupRun.Never).Implementation.Should().Be<IpaasMonitor.Diagrams.Reprocess.Reprocess24h>();
    }

    [Fact]
    public void ResendRows_ReadEachPairBeforeSendingIt_ParentsFirst()
    {
        var rows = DiagramCatalog.ResendRows;
        var readers = rows.Where(d => d.Source == SystemSide.Erp).ToList();
        var senders = rows.Where(d => d.Source == SystemSide.Hub).ToList();

        rows.Should().Equal(readers.Concat(senders), "every re-read comes before every re-send");
        senders.Select(d => d.Number).Should().Equal(readers.Select(d => d.Number + 1), "each pair is sent in the order it was read");
        senders.Should().OnlyContain(d => d.Target == SystemSide.Vtex && d.HubKind != null);
        rows.Should().OnlyContain(d => typeof(IResendable).IsAssignableFrom(d.Implementation));
        var kinds = senders.Select(d => d.HubKind).ToList();
        kinds.IndexOf(HubKinds.Product).Should().BeLessThan(kinds.IndexOf(HubKinds.Sku), "an SKU needs its product in VTEX");
        kinds.IndexOf(HubKinds.Sku).Should().BeLessThan(kinds.IndexOf(HubKinds.Price), "a price needs its SKU");
        kinds.IndexOf(HubKinds.Sku).Should().BeLessThan(kinds.IndexOf(HubKinds.Stock));
    }

    [Fact]
    public void CataloguePairs_ShareTheirHubKind_AndEachKindHasOneSender()
    {
        foreach (var reader in DiagramCatalog.All.Where(d => d.HubKind is not null && d.Source == SystemSide.Erp))
        {
            DiagramCatalog.Get(reader.Number + 1).HubKind.Should().Be(reader.HubKind, $"{reader.Id} and its hub → VTEX half keep the same records");
        }

        DiagramCatalog.All.Where(d => d.HubKind is not null && d.Source == SystemSide.Hub).Select(d => d.HubKind).Should().OnlyHaveUniqueItems();
        DiagramCatalog.SenderOf(HubKinds.Sku)!.Number.Should().Be(10);
        DiagramCatalog.SenderOf(HubKinds.Brand)!.Number.Should().Be(2);
        DiagramCatalog.SenderOf("invoice").Should().BeNull();
    }

    public static TheoryData<int> Numbers()
    {
        var data = new TheoryData<int>();
        foreach (var d in DiagramCatalog.All)
        {
            data.Add(d.Number);
        }

        return data;
    }

    [Fact]
    public void All_HasThirtyNineRowsNumberedOneToThirtyNine_InOrder()
    {
        DiagramCatalog.All.Select(d => d.Number).Should().Equal(Enumerable.Range(1, 39));
    }

    [Fact]
    public void OrderDiagrams_RunOnTheirOwnQueue_AndEveryOtherDiagramOnTheDefaultOne()
    {
        var orders = DiagramCatalog.All.Where(d => d.Step is not null).ToList();
        orders.Select(d => d.Section).Should().OnlyContain(s => s.StartsWith('5'), "the order journey is the seed's chapter 5");
        DiagramCatalog.All.Where(d => d.Queue == DiagramDefinition.OrdersQueue).Should().Equal(orders);
        DiagramCatalog.All.Where(d => d.Queue == DiagramDefinition.DefaultQueue).Should().Equal(DiagramCatalog.All.Except(orders));
    }

    [Fact]
    public void All_HasUniqueIdsAndNames()
    {
        DiagramCatalog.All.Select(d => d.Id).Should().OnlyHaveUniqueItems();
        DiagramCatalog.All.Select(d => d.Name).Should().OnlyHaveUniqueItems();
        DiagramCatalog.All.Select(d => d.SeedTitle).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Cron_Parses_ForEveryDiagram(int number)
    {
        var definition = DiagramCatalog.Get(number);
        var cron = CronExpression.Parse(definition.Cron);
        cron.GetNextOccurrence(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Section_IsOneOfTheSeedChapters_ForEveryDiagram(int number)
    {
        DiagramCatalog.Sections.Select(s => s.Section).Should().Contain(DiagramCatalog.Get(number).Section);
    }

    [Fact]
    public void ProductPairs_AlternateErpToHubAndHubToVtex_AsTheSeedDescribes()
    {
        foreach (var d in DiagramCatalog.All.Where(d => d.HubKind is not null))
        {
            if (d.Number % 2 == 1)
            {
                d.Source.Should().Be(SystemSide.Erp, $"{d.Id} reads the ERP");
                d.Section.Should().Be("4.1");
            }
            else
            {
                d.Target.Should().Be(SystemSide.Vtex, $"{d.Id} writes VTEX");
                d.Section.Should().Be("4.2");
            }
        }
    }

    [Fact]
    public void Label_FormatsLikeTheSeedGrid()
    {
        DiagramCatalog.Get(9).Label("VA-CUSTOMIZADA").Should().Be("09 - SKU-ErpToHub - VA-CUSTOMIZADA");
        DiagramCatalog.Get(2).Id.Should().Be("D02-Brand-HubToVtex");
    }

    [Fact]
    public void Get_Throws_ForUnknownNumber()
    {
        var act = () => DiagramCatalog.Get(40);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
