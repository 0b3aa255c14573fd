using IpaasMonitor.Web.Security;

namespace IpaasMonitor.Web.Tests.Security;

public sealed class PersonalDataMaskerTests
{
    /// <summary>Diagram 27's payload (the ERP customer request), as message 1e97ad11 showed it to a Viewer.</summary>
    private const string CustomerPayload = """
        {"customerCode":812,"created":true,"request":{"code":null,"cpf":"39053344705","name":"Maria Aparecida Souza","branchInsertCode":1,
         "addresses":[{"addressType":"Residential","sequence":1,"cep":"01310-100","address":"Avenida Paulista","number":"1578","complement":"apto 12",
         "neighborhood":"Bela Vista","cityName":"São Paulo","stateAbbreviation":"SP"}],
         "phones":[{"typeCode":1,"number":"11987654321","isDefault":true}],
         "emails":[{"typeCode":1,"email":"maria.souza@example.com","isDefault":true}]}}
        """;

    [Fact]
    public void Mask_HidesTheCustomersNamePhoneAndAddress_InDiagram27sPayload()
    {
        var masked = PersonalDataMasker.Mask(CustomerPayload);

        foreach (var personal in new[] { "39053344705", "Maria", "Souza", "11987654321", "98765", "01310", "Paulista", "1578", "apto 12", "Bela Vista", "maria.souza" })
        {
            masked.Should().NotContain(personal);
        }

        masked.Should().Contain("****4321").And.Contain("***.533.447-**").And.Contain("m***@example.com");
        masked.Should().Contain("São Paulo", "a city alone identifies nobody").And.Contain("\"customerCode\": 812");
    }

    [Fact]
    public void Mask_KeepsProductAndBrandNames_OutsideAPerson()
    {
        var masked = PersonalDataMasker.Mask("""
            {"orderId":"1","items":[{"id":"10001","name":"Camiseta Básica Azul","quantity":2}],"totals":[{"id":"Items","name":"Total dos Itens"}],
             "customer":{"document":"39053344705","name":"João Pereira","email":"joao@example.com","phone":"+55 11 98888-7777"},
             "shipping":{"receiverName":"João Pereira","postalCode":"22041-001","street":"Rua Barata Ribeiro","number":"90","city":"Rio de Janeiro","state":"RJ"}}
            """);

        masked.Should().Contain("Camiseta Básica Azul").And.Contain("Total dos Itens").And.Contain("Rio de Janeiro");
        masked.Should().NotContain("João").And.NotContain("Pereira").And.NotContain("Barata").And.NotContain("22041").And.NotContain("98888");
    }

    [Fact]
    public void Mask_HidesVtexBuyerFieldsAndGeoCoordinates()
    {
        var masked = PersonalDataMasker.Mask("""
            {"clientProfileData":{"firstName":"Ana","lastName":"Lima","corporateName":"Lima Modas Ltda","tradeName":"Lima Modas","corporateDocument":"12.ABC.345/01DE-35",
              "corporatePhone":"(21) 3333-4444","stateInscription":"123456789"},
             "shippingData":{"address":{"receiverName":"Ana Lima","street":"Rua A","reference":"perto da praça","geoCoordinates":[-43.17,-22.9]}}}
            """);

        masked.Should().NotContain("Ana").And.NotContain("Lima").And.NotContain("3333").And.NotContain("123456789")
            .And.NotContain("praça").And.NotContain("43.17").And.NotContain("12.ABC.345/01DE-35").And.NotContain("01DE");
    }

    [Theory]
    [InlineData("O ERP recusou o telefone (11) 98765-4321 do cliente", "98765")]
    [InlineData("telefone +5511987654321 inválido", "987654321")]
    [InlineData("cliente 390.533.447-05 duplicado", "390.533")]
    [InlineData("e-mail maria@example.com já usado", "maria@")]
    public void MaskText_HidesPhonesDocumentsAndEmails_InFreeText(string text, string personal)
    {
        PersonalDataMasker.MaskText(text).Should().NotContain(personal);
    }
}
