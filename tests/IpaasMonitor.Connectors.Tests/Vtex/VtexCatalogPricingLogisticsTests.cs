using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Connectors.Vtex.Logistics;
using IpaasMonitor.Connectors.Vtex.Pricing;

namespace IpaasMonitor.Connectors.Tests.Vtex;

/// <summary>Every client call against the real sandbox, then every request it received checked against VTEX's OpenAPI.</summary>
public sealed class VtexCatalogPricingLogisticsTests : IAsyncLifetime
{
    private SandboxConnectorHost host = null!;

    private VtexCatalogClient Catalog => host.Factory.GetVtexCatalogClient(SandboxConnectorHost.ConnectionId);

    public async Task InitializeAsync() => host = await SandboxConnectorHost.StartAsync(referenceCount: 1);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Category_CreateGetUpdate_WithOurOwnId()
    {
        (await Catalog.Categories.GetAsync(1)).Should().BeNull("404 means absent");

        await Catalog.Categories.CreateAsync(new VtexCategory { Id = 1, Name = "Feminino", Title = "Feminino", IsActive = true });
        await Catalog.Categories.CreateAsync(new VtexCategory { Id = 101, Name = "Vestidos", FatherCategoryId = 1, IsActive = true });
        await Catalog.Categories.UpdateAsync(101, new VtexCategory { Id = 101, Name = "Vestidos e Macacões", FatherCategoryId = 1, IsActive = true });

        var stored = await Catalog.Categories.GetAsync(101);
        stored!.Name.Should().Be("Vestidos e Macacões");
        stored.FatherCategoryId.Should().Be(1);
        host.ContractViolations().Should().BeEmpty();
    }

    [Fact]
    public async Task Product_MissingRefIdIsNull_ThenCreateAndFullUpdate()
    {
        await SeedBrandAndCategoryAsync();

        (await Catalog.Products.GetByRefIdAsync("VES0001")).Should().BeNull("VTEX answers 200 with an empty body for an unknown RefId");
        var created = await Catalog.Products.CreateAsync(Product("Vestido Midi"));
        var found = await Catalog.Products.GetByRefIdAsync("VES0001");
        await Catalog.Products.UpdateAsync(found!.Id!.Value, found with { Name = "Vestido Midi Linho" });
        await Catalog.Products.LinkTradePolicyAsync(found.Id.Value, 2);

        created.Id.Should().BePositive();
        found.Id.Should().Be(created.Id);
        (await Catalog.Products.GetAsync(created.Id!.Value))!.Name.Should().Be("Vestido Midi Linho");
        (await Catalog.Products.GetTradePoliciesAsync(created.Id.Value)).Select(p => p.StoreId).Should().Contain(2);
        host.ContractViolations().Should().BeEmpty();
    }

    [Fact]
    public async Task Sku_CreatedInactive_FoundByRefId_UpdatedKeepingIsActive()
    {
        var productId = await SeedProductAsync();

        (await Catalog.Skus.GetByRefIdAsync("10001")).Should().BeNull();
        var created = await Catalog.Skus.CreateAsync(Sku(productId, "Vestido Midi Azul P"));
        var found = await Catalog.Skus.GetByRefIdAsync("10001");
        await Catalog.Skus.UpdateAsync(found!.Id!.Value, found with { Name = "Vestido Midi Azul PP" });

        created.IsActive.Should().BeFalse();
        (await Catalog.Skus.GetAsync(created.Id!.Value))!.Name.Should().Be("Vestido Midi Azul PP");
        var act = () => Catalog.Skus.CreateAsync(Sku(productId, "x") with { IsActive = true });
        await act.Should().ThrowAsync<ArgumentException>();
        host.ContractViolations().Should().BeEmpty();
    }

    [Fact]
    public async Task Specifications_GroupFieldValue_ProductValues_AndSkuAssociation()
    {
        var productId = await SeedProductAsync();
        var sku = await Catalog.Skus.CreateAsync(Sku(productId, "Vestido Midi Azul P"));
        var specs = Catalog.Specifications;

        var group = await specs.CreateGroupAsync(new VtexSpecificationGroup { CategoryId = 1, Name = "Grade" });
        var color = await specs.CreateFieldAsync(new VtexSpecificationField { FieldTypeId = 6, CategoryId = 1, FieldGroupId = group.Id!.Value, Name = "Cor", IsStockKeepingUnit = true, IsActive = true });
        var material = await specs.CreateFieldAsync(new VtexSpecificationField { FieldTypeId = 1, CategoryId = 1, FieldGroupId = group.Id.Value, Name = "Material", IsActive = true, IsOnProductDetails = true });
        var blue = await specs.CreateValueAsync(new VtexSpecificationValue { FieldId = color.Id!.Value, Name = "AZUL", IsActive = true });
        var red = await specs.CreateValueAsync(new VtexSpecificationValue { FieldId = color.Id.Value, Name = "VERMELHO", IsActive = true });
        await specs.SetProductValuesAsync(productId, [new VtexProductSpecification { Id = material.Id!.Value, Value = ["Linho"] }]);
        var association = await specs.AssociateSkuValueAsync(sku.Id!.Value, new VtexSkuSpecificationAssociation(color.Id.Value, blue.FieldValueId));
        await specs.UpdateSkuValueAsync(sku.Id.Value, new VtexSkuSpecificationUpdate(association!.Id, color.Id.Value, red.FieldValueId));

        (await specs.ListFieldsAsync(101)).Select(f => f.Name).Should().Contain(["Cor", "Material"], "fields of a department apply to its categories");
        (await specs.ListValuesAsync(color.Id.Value)).Select(v => v.Value).Should().Equal("AZUL", "VERMELHO");
        (await specs.GetSkuSpecificationsAsync(sku.Id.Value)).Should().ContainSingle().Which.FieldValueId.Should().Be(red.FieldValueId);
        host.Sandbox.State.Vtex.Account("loja-a").ProductSpecifications(productId).Should().ContainSingle(s => s.Value.Contains("Linho"));
        host.ContractViolations().Should().BeEmpty();
    }

    [Fact]
    public async Task Complements_CreateListDelete()
    {
        var productId = await SeedProductAsync();
        var a = await Catalog.Skus.CreateAsync(Sku(productId, "A", "20001"));
        var b = await Catalog.Skus.CreateAsync(Sku(productId, "B", "20002"));

        await Catalog.Complements.CreateAsync(new VtexSkuComplement { ParentSkuId = a.Id!.Value, SkuId = b.Id!.Value, ComplementTypeId = 3 });
        var listed = await Catalog.Complements.ListAsync(a.Id.Value, 3);
        await Catalog.Complements.DeleteAsync(listed.Single().Id);

        listed.Should().ContainSingle(c => c.SkuId == b.Id.Value);
        (await Catalog.Complements.ListAsync(a.Id.Value, 3)).Should().BeEmpty();
        host.ContractViolations().Should().BeEmpty();
    }

    [Fact]
    public async Task Pricing_PutKeepsTheFixedPricesItIsGiven_AndPostFixedMergesOneTable()
    {
        var pricing = host.Factory.GetVtexPricingClient(SandboxConnectorHost.ConnectionId);

        (await pricing.GetAsync(7)).Should().BeNull();
        await pricing.SetFixedAsync(7, "2", [new VtexFixedPriceEntry { Value = 94.9m, ListPrice = 129.9m }]);
        await pricing.PutAsync(7, new VtexPriceUpdate
        {
            BasePrice = 99.9m,
            ListPrice = 129.9m,
            FixedPrices = [new VtexFixedPrice { TradePolicyId = "2", Value = 94.9m, ListPrice = 129.9m }],
        });
        await pricing.SetFixedAsync(7, "3", [new VtexFixedPriceEntry { Value = 89.9m }]);

        var price = await pricing.GetAsync(7);
        price!.BasePrice.Should().Be(99.9m);
        price.FixedPrices!.Select(f => (f.TradePolicyId, f.Value)).Should().Equal(("2", 94.9m), ("3", 89.9m));
        host.ContractViolations().Should().BeEmpty();
    }

    [Fact]
    public async Task Inventory_PutSendsEveryField()
    {
        var productId = await SeedProductAsync();
        var sku = await Catalog.Skus.CreateAsync(Sku(productId, "Vestido Midi Azul P"));
        var logistics = host.Factory.GetVtexLogisticsClient(SandboxConnectorHost.ConnectionId);

        await logistics.SetInventoryAsync(sku.Id!.Value, "filial_2", new VtexInventoryUpdate { Quantity = 37, DateUtcOnBalanceSystem = "2026-03-10T15:00:00Z" });

        host.Sandbox.State.Vtex.Account("loja-a").Inventory.Should().ContainSingle(i => i.SkuId == sku.Id.Value && i.WarehouseId == "filial_2" && i.Quantity == 37);
        var body = host.Sandbox.State.Journal.Snapshot().Single(e => e.Method == "PUT").Body;
        body.Should().Contain("\"leadTime\":\"00:00:00\"").And.Contain("\"unlimitedQuantity\":false");
        host.ContractViolations().Should().BeEmpty();
    }

    private async Task SeedBrandAndCategoryAsync()
    {
        await Catalog.Brands.CreateAsync(new VtexBrand { Id = 2, Name = "Casa Marina", Active = true });
        await Catalog.Categories.CreateAsync(new VtexCategory { Id = 1, Name = "Feminino", IsActive = true });
        await Catalog.Categories.CreateAsync(new VtexCategory { Id = 101, Name = "Vestidos", FatherCategoryId = 1, IsActive = true });
    }

    private async Task<int> SeedProductAsync()
    {
        await SeedBrandAndCategoryAsync();
        return (await Catalog.Products.CreateAsync(Product("Vestido Midi"))).Id!.Value;
    }

    private static VtexProduct Product(string name) => new()
    {
        Name = name,
        CategoryId = 101,
        BrandId = 2,
        RefId = "VES0001",
        Title = name,
        Description = name,
        IsActive = true,
        IsVisible = true,
    };

    private static VtexSku Sku(int productId, string name, string refId = "10001") => new()
    {
        ProductId = productId,
        Name = name,
        RefId = refId,
        ActivateIfPossible = true,
        PackagedHeight = 5,
        PackagedLength = 30,
        PackagedWidth = 20,
        PackagedWeightKg = 300,
    };
}
