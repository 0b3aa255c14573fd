using IpaasMonitor.Testing;

namespace IpaasMonitor.Connectors.Tests.Contracts;

public sealed class VtexOpenApiContractTests
{
    private static readonly VtexOpenApiContract Contract = VtexOpenApiContract.Shared;

    private const string ValidBrand = """
        { "Id": 2000013, "Name": "Orma Carbon", "Text": "Orma Carbon", "Keywords": "orma", "SiteTitle": "Orma Carbon",
          "AdWordsRemarketingCode": null, "LomadeeCampaignCode": null, "Score": null, "MenuHome": true, "Active": true,
          "LinkId": "orma-carbon" }
        """;

    [Fact]
    public void Validate_AcceptsCorrectBrandBody()
    {
        Contract.Validate("POST", "/api/catalog/pvt/brand", ValidBrand).Should().BeEmpty();
        Contract.Validate("PUT", "/api/catalog/pvt/brand/2000013", ValidBrand).Should().BeEmpty();
        Contract.Validate("GET", "/api/catalog/pvt/brand/2000013").Should().BeEmpty();
    }

    [Fact]
    public void Validate_ReportsMissingRequiredField()
    {
        var violations = Contract.Validate("POST", "/api/catalog/pvt/brand", """{ "Id": 1, "Active": true }""");

        violations.Should().ContainSingle().Which.Should().Be("POST /api/catalog/pvt/brand body $: required property 'Name' is missing");
    }

    [Fact]
    public void Validate_ReportsWrongType()
    {
        var violations = Contract.Validate("POST", "/api/catalog/pvt/brand", """{ "Id": "1", "Name": "Acme", "Active": "yes" }""");

        violations.Should().BeEquivalentTo(
            "POST /api/catalog/pvt/brand body $.Id: expected integer but got string \"1\"",
            "POST /api/catalog/pvt/brand body $.Active: expected boolean but got string \"yes\"");
    }

    [Fact]
    public void Validate_ReportsNullForNonNullableProperty_AndWrongCasing()
    {
        var violations = Contract.Validate("PUT", "/api/catalog/pvt/brand/1", """{ "Id": 1, "Name": "Acme", "Text": null, "active": true }""");

        violations.Should().Contain(v => v.Contains("$.Text: null is not allowed", StringComparison.Ordinal));
        violations.Should().Contain(v => v.Contains("property 'active' is not declared; did you mean 'Active'?", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReportsUnknownPathAndUndefinedMethod()
    {
        Contract.Validate("POST", "/api/catalog/pvt/brandz", "{}").Should().ContainSingle()
            .Which.Should().Contain("no such path");
        Contract.Validate("PATCH", "/api/catalog/pvt/brand/1", "{}").Should().ContainSingle()
            .Which.Should().Contain("method not defined for /api/catalog/pvt/brand/{brandId}");
    }

    [Fact]
    public void Validate_ChecksBodylessOperations_AndQueryParameters()
    {
        Contract.Validate("GET", "/api/catalog/pvt/brand/1", "{\"x\":1}").Should().ContainSingle()
            .Which.Should().Contain("takes no request body");
        Contract.Validate("GET", "/api/catalog_system/pvt/brand/pagedlist?pageSize=10&page=1").Should().BeEmpty();
        Contract.Validate("GET", "/api/catalog_system/pvt/brand/pagedlist?pageSize=ten&page=1&foo=1").Should().HaveCount(2);
    }

    [Fact]
    public void Validate_UsesPricingFile_ForPricingPaths()
    {
        Contract.Validate("PUT", "/pricing/prices/12", """{ "listPrice": 50.0, "costPrice": 35.0, "markup": 30 }""").Should().BeEmpty();
        Contract.Validate("PUT", "/pricing/prices/12", """{ "markup": 30.5 }""").Should().ContainSingle()
            .Which.Should().Contain("$.markup: expected integer");
    }
}
