using System.Globalization;
using System.Text.RegularExpressions;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;

namespace IpaasMonitor.Web.Tests.Localization;

public sealed partial class UiTextStringsTests
{
    [Fact]
    public void BothLanguages_HaveTheSameKeys()
    {
        UiTextStrings.English.Keys.Except(UiTextStrings.Portuguese.Keys).Should().BeEmpty("an English string needs its Portuguese one");
        UiTextStrings.Portuguese.Keys.Except(UiTextStrings.English.Keys).Should().BeEmpty("a Portuguese string would show in Portuguese on the English UI");
    }

    [Fact]
    public void BothLanguages_UseTheSamePlaceholders_AndNoStringIsEmpty()
    {
        foreach (var (key, portuguese) in UiTextStrings.Portuguese)
        {
            var english = UiTextStrings.English[key];
            portuguese.Should().NotBeNullOrWhiteSpace(key);
            english.Should().NotBeNullOrWhiteSpace(key);
            Placeholders(english).Should().BeEquivalentTo(Placeholders(portuguese), $"{key} is formatted with the same arguments in both languages");
        }
    }

    [Fact]
    public void EveryOrderStage_AndEveryOrderDiagram_HasALabel()
    {
        var keys = Enum.GetValues<OrderStage>().Select(OrderTraceQuery.StageKey)
            .Concat(DiagramCatalog.All.Where(d => d.Queue == DiagramDefinition.OrdersQueue).Select(d => OrderTraceQuery.StepKey(d.Number) ?? $"no step for diagram {d.Number}"));

        keys.Should().OnlyContain(k => UiTextStrings.Portuguese.ContainsKey(k) && UiTextStrings.English.ContainsKey(k));
    }

    [Fact]
    public void EveryRunStatus_HasALabel_AndNoLabelNamesAStatusThatDoesNotExist()
    {
        // The diagrams page shows a run's status as T["Run." + status].
        var statusKeys = Enum.GetNames<RunStatus>().Select(s => "Run." + s).ToList();

        statusKeys.Should().OnlyContain(k => UiTextStrings.Portuguese.ContainsKey(k) && UiTextStrings.English.ContainsKey(k));
        UiTextStrings.English.Keys.Where(k => k.StartsWith("Run.", StringComparison.Ordinal)).Should().BeEquivalentTo(statusKeys);
    }

    [Fact]
    public void Money_IsInReais_WrittenTheWayTheLanguageWritesNumbers()
    {
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("pt-BR");
            UiText.Money(123_456).Should().Be(IpaasMonitor.Diagrams.Orders.OrderValidation.Money(123_456), "pt-BR keeps the format the diagrams use");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            UiText.Money(123_456).Should().Be("R$1,234.56");
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    private static IEnumerable<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
