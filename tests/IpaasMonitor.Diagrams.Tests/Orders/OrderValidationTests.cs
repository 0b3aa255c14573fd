using System.Text.Json.Nodes;
using IpaasMonitor.Connectors.Vtex.Orders;
using IpaasMonitor.Diagrams.Orders;

namespace IpaasMonitor.Diagrams.Tests.Orders;

/// <summary>Diagram 26's validation against a corpus of malformed VTEX order bodies.</summary>
public sealed class OrderValidationTests
{
    private const string OrderId = "1234567000001-01";

    /// <summary>A well-formed order: 2 × 4990 + 1 × 7990 + 1500 shipping = 19470 cents; CPF 529.982.247-25 is valid.</summary>
    private const string Good = """
        {
          "orderId": "1234567000001-01", "sequence": "500001", "status": "ready-for-handling", "value": 19470,
          "creationDate": "2026-03-10T12:00:00.0000000Z",
          "totals": [ { "id": "Items", "value": 17970 }, { "id": "Discounts", "value": 0 }, { "id": "Shipping", "value": 1500 }, { "id": "Tax", "value": 0 } ],
          "items": [
            { "id": "10001", "productId": "1000", "refId": "10001", "name": "Camiseta Branca P", "quantity": 2, "price": 4990, "listPrice": 6990, "sellingPrice": 4990 },
            { "id": "10002", "productId": "1000", "refId": "10002", "name": "Camiseta Preta M", "quantity": 1, "price": 7990, "listPrice": 9990, "sellingPrice": 7990 }
          ],
          "clientProfileData": { "email": "ana@exemplo.com.br", "firstName": "Ana", "lastName": "Silva", "documentType": "cpf", "document": "52998224725", "phone": "+5511999990000", "isCorporate": false },
          "shippingData": {
            "address": { "receiverName": "Ana Silva", "postalCode": "01310-100", "street": "Avenida Paulista", "number": "1000", "neighborhood": "Bela Vista", "city": "São Paulo", "state": "SP", "country": "BRA" },
            "logisticsInfo": [ { "itemIndex": 0, "deliveryIds": [ { "warehouseId": "filial_2", "quantity": 2 } ] } ]
          },
          "paymentData": { "transactions": [ { "payments": [ { "paymentSystem": "125", "paymentSystemName": "Pix", "group": "instantPayment", "value": 19470, "installments": 1 } ] } ] }
        }
        """;

    public static TheoryData<string, string> Corpus => new()
    {
        { "not json at all", "ilegível" },
        { "[1, 2, 3]", "ilegível" },
        { """{"orderId": "1234567000001-01", "value": "muito"}""", "ilegível" },
        { Mutate(o => o.Remove("clientProfileData")), "dados do cliente" },
        { Mutate(o => o["clientProfileData"]!["document"] = null), "sem documento" },
        { Mutate(o => o["clientProfileData"]!["document"] = "529.982.247-26"), "CPF inválido" },
        { Mutate(o => o["clientProfileData"]!["document"] = "11111111111"), "CPF inválido" },
        { Mutate(o => { o["clientProfileData"]!["isCorporate"] = true; o["clientProfileData"]!["corporateName"] = "Loja Ltda"; o["clientProfileData"]!["corporateDocument"] = "11.222.333/0001-80"; }), "CNPJ inválido" },
        { Mutate(o => { o["clientProfileData"]!["isCorporate"] = true; o["clientProfileData"]!["corporateName"] = "Loja Ltda"; }), "sem CNPJ" },
        { Mutate(o => o["items"] = new JsonArray()), "sem itens" },
        { Mutate(o => o["items"]![1]!["refId"] = null), "desconhecido no ERP" },
        { Mutate(o => o["items"]![1]!["refId"] = "CAM-001"), "desconhecido no ERP" },
        { Mutate(o => o["items"]![0]!["quantity"] = 0), "quantidade inválida" },
        { Mutate(o => o["items"]![0]!["sellingPrice"] = -10), "preço" },
        { Mutate(o => o["value"] = 20470), "não fecham" },
        { Mutate(o => o["totals"]![0]!["value"] = 18970), "os itens somam" },
        { Mutate(o => o.Remove("totals")), "sem totais" },
        { Mutate(o => o["value"] = 0), "valor total" },
        { Mutate(o => o["shippingData"]!["address"]!["postalCode"] = "0131"), "CEP" },
        { Mutate(o => o["shippingData"]!.AsObject().Remove("address")), "endereço de entrega ausente" },
        { Mutate(o => o["status"] = null), "status nulo" },
        { Mutate(o => o["orderId"] = "9999999000001-01"), "devolveu o pedido" },
        { Mutate(o => { o["clientProfileData"]!["firstName"] = ""; o["clientProfileData"]!["lastName"] = null; }), "nome do cliente" },
    };

    [Fact]
    public void WellFormedOrder_IsValid_AndNormalised()
    {
        var check = OrderValidation.Validate(VtexOrderDocument.Parse(Good), OrderId);

        check.IsValid.Should().BeTrue(check.Reason);
        var content = check.Content!;
        content.TotalCents.Should().Be(19_470);
        content.Items.Should().Equal(
            new HubOrderLine("10001", 10_001, "Camiseta Branca P", 2, 4_990),
            new HubOrderLine("10002", 10_002, "Camiseta Preta M", 1, 7_990));
        content.Customer.Should().Be(new HubCustomer(false, "52998224725", "Ana Silva", "ana@exemplo.com.br", "+5511999990000", null, null));
        content.Shipping.PostalCode.Should().Be("01310100");
        content.WarehouseId.Should().Be("filial_2");
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void MalformedOrder_IsRefused_WithAReadableReason(string body, string expected)
    {
        var check = OrderValidation.Validate(VtexOrderDocument.Parse(body), OrderId);

        check.IsValid.Should().BeFalse();
        check.Content.Should().BeNull();
        check.Reason.Should().Contain(expected);
    }

    [Fact]
    public void SeveralProblems_AreAllReported_SoOneFixAndRequeueIsEnough()
    {
        var body = Mutate(o =>
        {
            o["clientProfileData"]!["document"] = "123";
            o["items"]![1]!["refId"] = null;
            o["value"] = 1;
        });

        var check = OrderValidation.Validate(VtexOrderDocument.Parse(body), OrderId);

        check.Problems.Should().HaveCount(3);
        check.Reason.Should().Contain("CPF inválido").And.Contain("desconhecido no ERP").And.Contain("não fecham");
    }

    [Fact]
    public void ProductsUnknownToTheHub_AreRefused_WhenTheHubHasASkuCatalogue()
    {
        var check = OrderValidation.Validate(VtexOrderDocument.Parse(Good), OrderId, code => code == 10_001);

        check.Reason.Should().Contain("produto 10002 não está no hub");
    }

    [Fact]
    public void CorporateBuyer_UsesTheCnpj()
    {
        var body = Mutate(o =>
        {
            o["clientProfileData"]!["isCorporate"] = true;
            o["clientProfileData"]!["corporateName"] = "Loja Exemplo Ltda";
            o["clientProfileData"]!["corporateDocument"] = "11.222.333/0001-81";
        });

        var check = OrderValidation.Validate(VtexOrderDocument.Parse(body), OrderId);

        check.IsValid.Should().BeTrue(check.Reason);
        check.Content!.Customer.Should().Match<HubCustomer>(c => c.IsCorporate && c.Document == "11222333000181" && c.Name == "Loja Exemplo Ltda");
    }

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Good)!.AsObject();
        change(node);
        return node.ToJsonString();
    }
}
