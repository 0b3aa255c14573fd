using IpaasMonitor.Data.Monitoring;

namespace IpaasMonitor.Data.Tests.Monitoring;

public sealed class FailureCauseTests
{
    [Theory]
    [InlineData("VTEX 400 em POST /api/catalog/pvt/brand: Brand name 'Marca 12' already exists", "VTEX 400 em POST /api/catalog/pvt/brand: Brand name '#' already exists")]
    [InlineData("aguardando SKU 10012: recusado pela VTEX (veja a falha no diagrama 10); será enviado quando isso for resolvido.",
        "aguardando SKU #: recusado pela VTEX (veja a falha no diagrama 10); será enviado quando isso for resolvido.")]
    [InlineData("Pedido 1234567890-01 não está no hub.", "Pedido # não está no hub.")]
    [InlineData("Registro 3f2504e0-4f89-11d3-9a0c-0305e82c3301 inválido\nsegunda linha com 42", "Registro # inválido")]
    public void Normalize_TakesOutIdsNumbersAndKeys_AndKeepsStatusesAndDiagramReferences(string error, string expected) =>
        FailureCause.Normalize(error).Should().Be(expected);

    [Fact]
    public void KeyOf_IsTheSameForTwoItemsOfOneCause_AndDiffersByDiagramComponentOrCause()
    {
        var a = FailureCause.KeyOf(14, "PUT stock", "VTEX 503 em PUT /api/logistics/pvt/inventory/skus/10012: Service Unavailable");
        var b = FailureCause.KeyOf(14, "PUT stock", "VTEX 503 em PUT /api/logistics/pvt/inventory/skus/20077: Service Unavailable");

        a.Should().Be(b).And.HaveLength(16).And.MatchRegex("^[0-9a-f]{16}$");
        FailureCause.KeyOf(16, "PUT stock", "VTEX 503 em PUT /api/logistics/pvt/inventory/skus/10012: Service Unavailable").Should().NotBe(a);
        FailureCause.KeyOf(14, "GET sku", "VTEX 503 em PUT /api/logistics/pvt/inventory/skus/10012: Service Unavailable").Should().NotBe(a);
        FailureCause.KeyOf(14, "PUT stock", "VTEX 429 em PUT /api/logistics/pvt/inventory/skus/10012: Service Unavailable").Should().NotBe(a);
    }
}
