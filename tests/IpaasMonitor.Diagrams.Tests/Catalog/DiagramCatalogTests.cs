using Cronos;
using IpaasMonitor.Diagrams.Catalog;

namespace IpaasMonitor.Diagrams.Tests.Catalog;

public class DiagramCatalogTests
{
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
        DiagramCatalog.All.Where(d => d.Queue == DiagramDefinition.OrdersQueue).Select(d => d.Number)
            .Should().Equal(Enumerable.Range(23, 16));
        DiagramCatalog.All.Where(d => d.Queue == DiagramDefinition.DefaultQueue).Select(d => d.Number)
            .Should().Equal(Enumerable.Range(1, 22).Append(39));
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
        foreach (var d in DiagramCatalog.All.Where(d => d.Number <= 22))
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
