using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Categories;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Prices;
using IpaasMonitor.Diagrams.Products;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Skus;
using IpaasMonitor.Diagrams.Stock;
using IpaasMonitor.Diagrams.Templates;
using IpaasMonitor.Testing;

namespace IpaasMonitor.Diagrams.Tests.CatalogMapping;

/// <summary>Each malformed record of the corpus, read as the ERP client reads one item and mapped as its diagram maps it.</summary>
public sealed class BadInputCorpusTests
{
    private static readonly BranchOptions MainBranch = new() { ErpBranchCode = 1, WarehouseId = "1_1", TradePolicyId = "1" };

    public static TheoryData<ErpBadRecord> ItemCases()
    {
        var data = new TheoryData<ErpBadRecord>();
        foreach (var record in ErpBadInput.Records.Where(r => r.Shape == ErpBadInputShape.Item))
        {
            data.Add(record);
        }

        return data;
    }

    [Fact]
    public void Corpus_HasAtLeastFifteenMalformedRecords_OfEveryKindTheIssueNames()
    {
        ErpBadInput.Records.Should().HaveCountGreaterThanOrEqualTo(15);
        string[] kinds = ["o nome está vazio", "RefId", "EAN", "estoque negativo", "preço 0,00", "preço -10,00", "desconhecida", "caracteres;", "marcação HTML", "Chave duplicada", "incompleto ou malformado"];
        foreach (var kind in kinds.Select(k => k.TrimEnd(';')))
        {
            ErpBadInput.Records.Should().Contain(r => r.Reason.Contains(kind, StringComparison.Ordinal), kind);
        }
    }

    [Theory]
    [MemberData(nameof(ItemCases))]
    public void MalformedRecord_IsRefused_WithAReadableReason(ErpBadRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);

        var (key, reason) = Refusal(record);

        reason.Should().NotBeNull($"'{record.Name}' must be refused").And.Contain(record.Reason);
        key.Should().Be(record.Key);
    }

    [Theory]
    [InlineData("categories")]
    [InlineData("references")]
    [InlineData("products")]
    [InlineData("balances")]
    [InlineData("price-tables")]
    public void GoodRecords_NextToTheCorpus_AreAccepted(string search)
    {
        foreach (var json in ErpBadInput.Good[search])
        {
            var (_, reason) = Refusal(new ErpBadRecord("good", search, "", json, ""));
            reason.Should().BeNull(json);
        }
    }

    /// <summary>(key, reason) of the refusal; reason null when the record is accepted.</summary>
    private static (string Key, string? Reason) Refusal(ErpBadRecord record) => record.Search switch
    {
        "categories" => Mapped<ErpCategory>(record.Json, "code", CategoryMapping.Map),
        "references" => Mapped<ErpReference>(record.Json, "referenceCode", r => ProductMapping.Map(r, code => code is 1 or 101)),
        "products" => Mapped<ErpProduct>(record.Json, "productCode", p => SkuMapping.Map(new ErpSkuRow(p, null), 1)),
        "balances" => Mapped<ErpBalanceItem>(record.Json, "productCode", b => StockMapping.Map(b, MainBranch, HubKinds.Stock)),
        "price-tables" => Mapped<ErpPriceTableItem>(record.Json, "productCode", p => PriceMapping.MapMain(p, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(record), record.Search, "Unknown search."),
    };

    private static (string Key, string? Reason) Mapped<T>(string json, string keyProperty, Func<T, ErpRecordMapping> map)
    {
        T value;
        try
        {
            value = JsonSerializer.Deserialize<T>(json, ErpJson.Options)!;
        }
        catch (JsonException ex)
        {
            using var document = JsonDocument.Parse(json);
            return (ErpRecordKeys.KeyOf(json, keyProperty) ?? "?", ErpErrors.InvalidRecord(ErpRecordProblem.FromException<T>(ex, document.RootElement, ErpJson.Options).Reason));
        }

        var mapping = map(value);
        return (mapping.Key, mapping.Error);
    }
}
