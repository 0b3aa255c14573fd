using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Diagrams.Categories;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Prices;
using IpaasMonitor.Diagrams.Products;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Skus;
using IpaasMonitor.Diagrams.Stock;

namespace IpaasMonitor.Diagrams.Tests.CatalogMapping;

public sealed class CatalogMappingTests
{
    private static readonly DateTimeOffset Changed = new(2026, 3, 10, 12, 0, 0, TimeSpan.FromHours(-3));

    [Theory]
    [InlineData("7891000000014", true)]
    [InlineData("7891000000021", true)]
    [InlineData("7891000000022", false)]
    [InlineData("96385074", true)]
    [InlineData("96385075", false)]
    [InlineData("036000291452", true)]
    [InlineData("789100000001", false)]
    [InlineData("78910000000l4", false)]
    [InlineData("", false)]
    public void Ean_ChecksLengthAndCheckDigit(string code, bool valid) => Ean.IsValid(code).Should().Be(valid);

    [Fact]
    public void MainPrice_MergesEveryBranchFixedPrice_SoThePutWipesNone()
    {
        var body = PriceMapping.ToVtex(new HubPrice(10001, 99.9m, 129.9m), [new HubBranchPrice(10001, 3, "3", 89.9m, null), new HubBranchPrice(10001, 2, "2", 94.9m, 129.9m)]);

        body.BasePrice.Should().Be(99.9m);
        body.ListPrice.Should().Be(129.9m);
        body.CostPrice.Should().BeNull("exactly two of base, cost and markup may be sent; the ERP gives only the base");
        body.FixedPrices.Select(f => (f.TradePolicyId, f.Value, f.MinQuantity)).Should().Equal(("2", 94.9m, 1), ("3", 89.9m, 1));
    }

    [Fact]
    public void BranchPrice_GoesToThePriceTable_WhenOneIsConfigured_ElseToTheTradePolicy()
    {
        var item = new ErpPriceTableItem
        {
            ProductCode = 10001,
            PriceTableCode = 2,
            MaxChangeFilterDate = Changed,
            Prices = [new ErpTablePrice { BranchCode = 2, Price = 94.9m, OriginalPrice = 90m }],
        };

        var byPolicy = PriceMapping.MapBranch(item, new BranchOptions { ErpBranchCode = 2, TradePolicyId = "2", WarehouseId = "filial_2" });
        var byTable = PriceMapping.MapBranch(item, new BranchOptions { ErpBranchCode = 2, TradePolicyId = "2", PriceTableId = "b2b", WarehouseId = "filial_2" });

        var price = (HubBranchPrice)byPolicy.Entries.Single().Item.Content;
        price.PriceTableId.Should().Be("2");
        price.ListPrice.Should().BeNull("a list price below the price is not a discount");
        byPolicy.Key.Should().Be("10001/2");
        ((HubBranchPrice)byTable.Entries.Single().Item.Content).PriceTableId.Should().Be("b2b");
    }

    [Fact]
    public void Stock_IsSellableQuantity_NeverBelowZero_FromTheConfiguredStockCodes()
    {
        var item = new ErpBalanceItem
        {
            ProductCode = 10001,
            MaxChangeFilterDate = Changed,
            Balances =
            [
                new ErpBalance { BranchCode = 1, StockCode = 1, Stock = 10, SalesOrder = 3, InputTransaction = 2, OutputTransaction = 1 },
                new ErpBalance { BranchCode = 1, StockCode = 7, Stock = 50 },
                new ErpBalance { BranchCode = 2, StockCode = 1, Stock = 1, SalesOrder = 4 },
            ],
        };

        var main = StockMapping.Map(item, new BranchOptions { ErpBranchCode = 1, WarehouseId = "1_1" }, HubKinds.Stock);
        var branch = StockMapping.Map(item, new BranchOptions { ErpBranchCode = 2, WarehouseId = "filial_2" }, HubKinds.BranchStock);

        ((HubStock)main.Entries.Single().Item.Content).Quantity.Should().Be(8, "10 + 2 − 1 − 3; stock code 7 (defective) is not configured");
        ((HubStock)branch.Entries.Single().Item.Content).Quantity.Should().Be(0, "orders may reserve more than is on hand");
        var body = StockMapping.ToVtex((HubStock)main.Entries.Single().Item.Content);
        body.LeadTime.Should().Be("00:00:00");
        body.UnlimitedQuantity.Should().BeFalse();
        body.DateUtcOnBalanceSystem.Should().Be("2026-03-10T15:00:00Z");
    }

    [Fact]
    public void Sku_IsCreatedInactive_AndUpdatedKeepingWhatVtexOwns()
    {
        var sku = new HubSku(10001, "10001", "Vestido Midi Azul P", "VES0001", "7891000000014", Active: true);
        var existing = new VtexSku
        {
            Id = 55,
            ProductId = 7,
            Name = "old",
            IsActive = true,
            PackagedHeight = 9,
            PackagedLength = 9,
            PackagedWidth = 9,
            PackagedWeightKg = 450,
            ManufacturerCode = "M-1",
        };

        var created = SkuMapping.ToVtex(sku, 7, null);
        var updated = SkuMapping.ToVtex(sku, 7, existing);

        created.IsActive.Should().BeFalse();
        created.ActivateIfPossible.Should().BeTrue();
        created.PackagedWeightKg.Should().BePositive();
        created.RefId.Should().Be("10001");
        updated.IsActive.Should().BeTrue("omitting IsActive on a PUT would deactivate the SKU");
        updated.Name.Should().Be("Vestido Midi Azul P");
        (updated.PackagedHeight, updated.PackagedWeightKg, updated.ManufacturerCode).Should().Be((9d, 450d, "M-1"));
    }

    [Fact]
    public void Product_Update_KeepsTheFieldsTheErpDoesNotOwn()
    {
        var product = new HubProduct("VES0001", "Vestido Midi", "Em linho", 2, 101, true);
        var existing = new VtexProduct { Id = 7, Name = "old", CategoryId = 1, BrandId = 1, LinkId = "vestido-midi", TaxCode = "NCM-6204", KeyWords = "vestido, midi" };

        var body = ProductMapping.ToVtex(product, existing);

        (body.Id, body.Name, body.CategoryId, body.BrandId, body.RefId).Should().Be((7, "Vestido Midi", 101, 2, "VES0001"));
        (body.LinkId, body.TaxCode, body.KeyWords).Should().Be(("vestido-midi", "NCM-6204", "vestido, midi"));
        body.ForWrite(create: false).Id.Should().BeNull("the PUT schema has no Id");
    }

    [Fact]
    public void CategoryTree_FindsTheDepartment()
    {
        var tree = new CategoryTree([new HubRecordInfo("1", null, "1"), new HubRecordInfo("101", "1", null), new HubRecordInfo("10101", "101", null)]);

        tree.DepartmentOf("10101").Should().Be("1");
        tree.DepartmentOf("1").Should().Be("1");
        tree.DepartmentOf("999").Should().BeNull();
    }
}
