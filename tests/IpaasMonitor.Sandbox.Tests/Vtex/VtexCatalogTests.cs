using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IpaasMonitor.Sandbox.Tests.Vtex;

public sealed class VtexCatalogTests : IAsyncLifetime
{
    private TestSandbox sandbox = null!;
    private HttpClient vtex = null!;

    public async Task InitializeAsync()
    {
        sandbox = await TestSandbox.StartAsync();
        vtex = sandbox.Vtex();
    }

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    private async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) => vtex.PostAsync(path, TestSandbox.Json(json));

    private Task<HttpResponseMessage> PutAsync(string path, string json) => vtex.PutAsync(path, TestSandbox.Json(json));

    /// <summary>Brand 10, department 1, category 2 (child of 1), product 42 (RefId REF-1).</summary>
    private async Task SeedProductAsync()
    {
        await OkAsync(await PostAsync("api/catalog/pvt/brand", """{"Id":10,"Name":"Lumare","Active":true}"""));
        await OkAsync(await PostAsync("api/catalog/pvt/category", """{"Id":1,"Name":"Feminino","FatherCategoryId":null,"IsActive":true}"""));
        await OkAsync(await PostAsync("api/catalog/pvt/category", """{"Id":2,"Name":"Vestidos","FatherCategoryId":1,"IsActive":true}"""));
        await OkAsync(await PostAsync("api/catalog/pvt/product", """{"Id":42,"Name":"Vestido Midi Linho","CategoryId":2,"BrandId":10,"RefId":"REF-1","IsVisible":true,"IsActive":true,"Description":"d"}"""));
    }

    private static string Sku(int id, string name, string refId, bool active = false) =>
        $$"""{"Id":{{id}},"ProductId":42,"IsActive":{{(active ? "true" : "false")}},"ActivateIfPossible":true,"Name":"{{name}}","RefId":"{{refId}}","PackagedHeight":5,"PackagedLength":30,"PackagedWidth":20,"PackagedWeightKg":250}""";

    [Fact]
    public async Task Category_HasTreePath_AndMissingFatherIs400()
    {
        await SeedProductAsync();

        var child = await OkAsync(await vtex.GetAsync("api/catalog/pvt/category/2"));
        var parent = await OkAsync(await vtex.GetAsync("api/catalog/pvt/category/1"));
        var orphan = await PostAsync("api/catalog/pvt/category", """{"Name":"Sem Pai","FatherCategoryId":999}""");

        child.GetProperty("TreePathIds").EnumerateArray().Select(x => x.GetInt32()).Should().Equal(1, 2);
        child.GetProperty("TreePath").EnumerateArray().Select(x => x.GetString()).Should().Equal("Feminino", "Vestidos");
        parent.GetProperty("HasChildren").GetBoolean().Should().BeTrue();
        orphan.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Product_GetByRefId_Returns200WithEmptyBody_WhenMissing()
    {
        await SeedProductAsync();

        var found = await OkAsync(await vtex.GetAsync("api/catalog_system/pvt/products/productgetbyrefid/REF-1"));
        var missing = await vtex.GetAsync("api/catalog_system/pvt/products/productgetbyrefid/NOPE");

        found.GetProperty("Id").GetInt32().Should().Be(42);
        found.GetProperty("DepartmentId").GetInt32().Should().Be(1);
        missing.StatusCode.Should().Be(HttpStatusCode.OK);
        (await missing.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Product_NeedsExistingParents_AndUniqueRefId()
    {
        await SeedProductAsync();

        (await PostAsync("api/catalog/pvt/product", """{"Name":"X","CategoryId":2,"BrandId":999,"RefId":"R2"}""")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PostAsync("api/catalog/pvt/product", """{"Name":"X","CategoryId":999,"BrandId":10,"RefId":"R2"}""")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PostAsync("api/catalog/pvt/product", """{"Name":"X","CategoryId":2,"BrandId":10,"RefId":"REF-1"}""")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await PostAsync("api/catalog/pvt/product", """{"Name":"","CategoryId":2,"BrandId":10}""")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Product_CanAutoCreateBrandAndCategoryPath()
    {
        var product = await OkAsync(await PostAsync("api/catalog/pvt/product", """{"Name":"Boné Aba Reta","CategoryPath":"Acessórios/Bonés","BrandName":"Tavira","RefId":"B1"}"""));

        var account = sandbox.State.Vtex.Account("loja-a");
        account.Brands.Should().ContainSingle(b => b.Name == "Tavira" && b.Id == product.GetProperty("BrandId").GetInt32());
        account.Categories.Select(c => c.Name).Should().Equal("Acessórios", "Bonés");
    }

    [Fact]
    public async Task Product_Put_IsAFullReplace_AndRequiresNameCategoryBrand()
    {
        await SeedProductAsync();

        var missing = await PutAsync("api/catalog/pvt/product/42", """{"Name":"Vestido"}""");
        var put = await OkAsync(await PutAsync("api/catalog/pvt/product/42", """{"Name":"Vestido Longo","CategoryId":2,"BrandId":10,"RefId":"REF-1"}"""));
        var stored = await OkAsync(await vtex.GetAsync("api/catalog/pvt/product/42"));

        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        put.GetProperty("Name").GetString().Should().Be("Vestido Longo");
        stored.GetProperty("IsActive").GetBoolean().Should().BeFalse();
        stored.GetProperty("IsVisible").GetBoolean().Should().BeFalse();
        stored.GetProperty("Description").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Sku_CannotBeCreatedActive_AndIsFoundByRefId()
    {
        await SeedProductAsync();

        var active = await PostAsync("api/catalog/pvt/stockkeepingunit", Sku(70, "Vestido Azul M", "S-70", active: true));
        var created = await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit", Sku(70, "Vestido Azul M", "S-70")));
        var byRef = await OkAsync(await vtex.GetAsync("api/catalog/pvt/stockkeepingunit?RefId=S-70"));
        var missing = await vtex.GetAsync("api/catalog/pvt/stockkeepingunit?RefId=NOPE");
        var idByRef = await OkAsync(await vtex.GetAsync("api/catalog_system/pvt/sku/stockkeepingunitidbyrefid/S-70"));

        active.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        created.GetProperty("IsActive").GetBoolean().Should().BeFalse();
        created.GetProperty("CommercialConditionId").GetInt32().Should().Be(1);
        byRef.GetProperty("Id").GetInt32().Should().Be(70);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        idByRef.GetString().Should().Be("70");
    }

    [Fact]
    public async Task Sku_ValidatesRequiredFields()
    {
        await SeedProductAsync();

        (await PostAsync("api/catalog/pvt/stockkeepingunit", """{"ProductId":42,"Name":"x","PackagedHeight":1,"PackagedLength":1,"PackagedWidth":1}""")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PostAsync("api/catalog/pvt/stockkeepingunit", """{"ProductId":999,"Name":"x","PackagedHeight":1,"PackagedLength":1,"PackagedWidth":1,"PackagedWeightKg":1}""")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PostAsync("api/catalog/pvt/stockkeepingunit", """{"ProductId":42,"Name":"x","PackagedHeight":1,"PackagedLength":1,"PackagedWidth":1,"PackagedWeightKg":0}""")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PostAsync("api/catalog/pvt/stockkeepingunit", Sku(1, "a", new string('r', 51)))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Sku_Put_WithoutIsActive_Deactivates_AndActivationNeedsAnImage()
    {
        await SeedProductAsync();
        await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit", Sku(70, "Vestido Azul M", "S-70")));

        var activateWithoutImage = await PutAsync("api/catalog/pvt/stockkeepingunit/70", Sku(70, "Vestido Azul M", "S-70", active: true));
        var image = await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit/70/file", """{"IsMain":true,"Name":"frente","Url":"https://cdn.example.com/img/70.jpg"}"""));
        var afterImage = await OkAsync(await vtex.GetAsync("api/catalog/pvt/stockkeepingunit/70"));
        var withoutIsActive = await OkAsync(await PutAsync("api/catalog/pvt/stockkeepingunit/70", """{"ProductId":42,"Name":"Vestido Azul M","RefId":"S-70","PackagedHeight":5,"PackagedLength":30,"PackagedWidth":20,"PackagedWeightKg":250}"""));

        activateWithoutImage.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        image[0].GetProperty("Id").GetInt32().Should().BePositive();
        afterImage.GetProperty("IsActive").GetBoolean().Should().BeTrue("ActivateIfPossible activates the SKU once it has an image");
        withoutIsActive.GetProperty("IsActive").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Specifications_ProductValues_AndSkuAssociation()
    {
        await SeedProductAsync();
        await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit", Sku(70, "Vestido Azul M", "S-70")));
        var group = await OkAsync(await PostAsync("api/catalog/pvt/specificationgroup", """{"CategoryId":1,"Name":"Ficha"}"""));
        var groupId = group.GetProperty("Id").GetInt32();
        var material = await OkAsync(await PostAsync("api/catalog/pvt/specification", $$"""{"FieldTypeId":1,"CategoryId":1,"FieldGroupId":{{groupId}},"Name":"Material","IsActive":true}"""));
        var badSku = await PostAsync("api/catalog/pvt/specification", $$"""{"FieldTypeId":1,"CategoryId":1,"FieldGroupId":{{groupId}},"Name":"Cor","IsStockKeepingUnit":true}""");
        var size = await OkAsync(await PostAsync("api/catalog/pvt/specification", $$"""{"FieldTypeId":6,"CategoryId":1,"FieldGroupId":{{groupId}},"Name":"Tamanho","IsStockKeepingUnit":true,"IsActive":true}"""));
        var sizeId = size.GetProperty("Id").GetInt32();
        var m = await OkAsync(await PostAsync("api/catalog/pvt/specificationvalue", $$"""{"FieldId":{{sizeId}},"Name":"M","IsActive":true}"""));
        var g = await OkAsync(await PostAsync("api/catalog/pvt/specificationvalue", $$"""{"FieldId":{{sizeId}},"Name":"G","IsActive":true}"""));

        var setSpec = await vtex.PostAsync("api/catalog_system/pvt/products/42/specification", TestSandbox.Json("""[{"Name":"Material","Value":["Linho"]}]"""));
        var specs = await OkAsync(await vtex.GetAsync("api/catalog_system/pvt/products/42/specification"));
        var fields = await OkAsync(await vtex.GetAsync("api/catalog_system/pub/specification/field/listByCategoryId/2"));
        var associated = await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit/70/specification", $$"""{"FieldId":{{sizeId}},"FieldValueId":{{m.GetProperty("FieldValueId").GetInt32()}}}"""));
        var wrongValue = await PostAsync("api/catalog/pvt/stockkeepingunit/70/specification", $$"""{"FieldId":{{sizeId}},"FieldValueId":999}""");
        var changed = await OkAsync(await PutAsync("api/catalog/pvt/stockkeepingunit/70/specification", $$"""{"Id":{{associated.GetProperty("Id").GetInt32()}},"FieldId":{{sizeId}},"FieldValueId":{{g.GetProperty("FieldValueId").GetInt32()}}}"""));

        badSku.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badSku.Content.ReadAsStringAsync()).Should().Contain("Radio or Combo");
        setSpec.StatusCode.Should().Be(HttpStatusCode.OK);
        specs[0].GetProperty("Id").GetInt32().Should().Be(material.GetProperty("Id").GetInt32());
        specs[0].GetProperty("Value")[0].GetString().Should().Be("Linho");
        fields.EnumerateArray().Select(f => f.GetProperty("Name").GetString()).Should().BeEquivalentTo("Material", "Tamanho");
        associated.GetProperty("Text").GetString().Should().Be("M");
        wrongValue.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        changed[0].GetProperty("Text").GetString().Should().Be("G");
        sandbox.State.Inspect().Vtex["loja-a"].DuplicatesCreated.Should().Be(0);
    }

    [Fact]
    public async Task SkuSpecification_PostedTwice_CountsADuplicate()
    {
        await SeedProductAsync();
        await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit", Sku(70, "Vestido Azul M", "S-70")));
        var group = await OkAsync(await PostAsync("api/catalog/pvt/specificationgroup", """{"CategoryId":1,"Name":"Grade"}"""));
        var field = await OkAsync(await PostAsync("api/catalog/pvt/specification", $$"""{"FieldTypeId":5,"CategoryId":1,"FieldGroupId":{{group.GetProperty("Id").GetInt32()}},"Name":"Cor","IsStockKeepingUnit":true}"""));
        var fieldId = field.GetProperty("Id").GetInt32();
        var value = await OkAsync(await PostAsync("api/catalog/pvt/specificationvalue", $$"""{"FieldId":{{fieldId}},"Name":"Azul"}"""));
        var body = $$"""{"FieldId":{{fieldId}},"FieldValueId":{{value.GetProperty("FieldValueId").GetInt32()}}}""";

        await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit/70/specification", body));
        await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit/70/specification", body));

        sandbox.State.Vtex.Account("loja-a").SkuSpecifications.Should().HaveCount(2);
        sandbox.State.Inspect().Vtex["loja-a"].Duplicates.Should().ContainSingle(d => d.Entity == "skuSpecification");
    }

    [Fact]
    public async Task SkuComplement_Type3_LinksSimilarSkus()
    {
        await SeedProductAsync();
        await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit", Sku(70, "Vestido Azul M", "S-70")));
        await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit", Sku(71, "Vestido Rosa M", "S-71")));

        var created = await OkAsync(await PostAsync("api/catalog/pvt/skucomplement", """{"ParentSkuId":70,"SkuId":71,"ComplementTypeId":3}"""));
        var list = await OkAsync(await vtex.GetAsync("api/catalog/pvt/stockkeepingunit/70/complement/3"));
        var badType = await PostAsync("api/catalog/pvt/skucomplement", """{"ParentSkuId":70,"SkuId":71,"ComplementTypeId":4}""");
        var missingSku = await PostAsync("api/catalog/pvt/skucomplement", """{"ParentSkuId":70,"SkuId":999,"ComplementTypeId":3}""");

        created[0].GetProperty("ComplementTypeId").GetInt32().Should().Be(3);
        list.EnumerateArray().Select(c => c.GetProperty("SkuId").GetInt32()).Should().Equal(71);
        badType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        missingSku.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SkuIdsByRefIds_ReturnsFoundOnes_And500OnARepeatedRefId()
    {
        await SeedProductAsync();
        await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit", Sku(70, "Vestido Azul M", "S-70")));

        var found = await OkAsync(await vtex.PostAsync("api/catalog_system/pub/sku/stockkeepingunitidsbyrefids", TestSandbox.Json("""["S-70","NOPE"]""")));
        var repeated = await vtex.PostAsync("api/catalog_system/pub/sku/stockkeepingunitidsbyrefids", TestSandbox.Json("""["S-70","S-70"]"""));
        var ofProduct = await OkAsync(await vtex.GetAsync("api/catalog_system/pvt/sku/stockkeepingunitByProductId/42"));

        found.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).Should().Equal(("S-70", "70"));
        repeated.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        ofProduct.EnumerateArray().Select(s => s.GetProperty("Id").GetInt32()).Should().Equal(70);
    }

    [Fact]
    public async Task TradePolicies_AreListed_AndProductsCanBeLinked()
    {
        await SeedProductAsync();

        var channels = await OkAsync(await vtex.GetAsync("api/catalog_system/pvt/saleschannel/list"));
        var link = await vtex.PostAsync("api/catalog/pvt/product/42/salespolicy/2", null);
        var unknown = await vtex.PostAsync("api/catalog/pvt/product/42/salespolicy/9", null);
        var linked = await OkAsync(await vtex.GetAsync("api/catalog/pvt/product/42/salespolicy"));

        channels.EnumerateArray().Select(c => c.GetProperty("Id").GetInt32()).Should().Equal(1, 2);
        link.StatusCode.Should().Be(HttpStatusCode.OK);
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        linked.EnumerateArray().Select(p => p.GetProperty("StoreId").GetInt32()).Should().Equal(2);
    }

    [Fact]
    public async Task Inspect_CountsCatalogEntities()
    {
        await SeedProductAsync();
        await OkAsync(await PostAsync("api/catalog/pvt/stockkeepingunit", Sku(70, "Vestido Azul M", "S-70")));

        var entities = sandbox.State.Inspect().Vtex["loja-a"].Entities;

        entities["brands"].Should().Be(1);
        entities["categories"].Should().Be(2);
        entities["products"].Should().Be(1);
        entities["skus"].Should().Be(1);
    }
}
