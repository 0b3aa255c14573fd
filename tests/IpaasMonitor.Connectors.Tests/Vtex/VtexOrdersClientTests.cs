using IpaasMonitor.Connectors.Vtex.Orders;
using IpaasMonitor.Testing.Http;

namespace IpaasMonitor.Connectors.Tests.Vtex;

/// <summary>The receipts of invoice and cancel, against an in-process HTTP server playing VTEX.</summary>
public sealed class VtexOrdersClientTests
{
    private const string OrderId = "1001-01";
    private static readonly string InvoicePath = ConnectorTestHost.Vtex($"api/oms/pvt/orders/{OrderId}/invoice");
    private static readonly string CancelPath = ConnectorTestHost.Vtex($"api/oms/pvt/orders/{OrderId}/cancel");

    private static readonly VtexInvoiceRequest Invoice = new()
    {
        InvoiceNumber = "NF-1",
        InvoiceValue = "1990",
        IssuanceDate = "2026-12-03",
        Items = [new VtexInvoiceItem("1", 1990, 1)],
    };

    [Fact]
    public async Task Invoice_ReadsTheReceipt()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("POST", InvoicePath, FakeResponse.Raw("""{"date":"2026-12-03T10:00:00Z","orderId":"1001-01","receipt":"r-123"}"""));

        var receipt = await host.Factory.GetVtexOrdersClient(ConnectorTestHost.ConnectionId).InvoiceAsync(OrderId, Invoice);

        receipt.Should().Be(new VtexReceipt { Date = "2026-12-03T10:00:00Z", OrderId = OrderId, Receipt = "r-123" });
    }

    [Fact]
    public async Task Invoice_AnsweredWithAnUnreadableBody_IsAPermanentFailure_NotAnEmptyReceipt()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("POST", InvoicePath, FakeResponse.Raw("<html>upstream says hi</html>", 200, "text/html"));

        var invoice = () => host.Factory.GetVtexOrdersClient(ConnectorTestHost.ConnectionId).InvoiceAsync(OrderId, Invoice);

        var failure = (await invoice.Should().ThrowAsync<ConnectorException>()).Which;
        failure.Kind.Should().Be(ConnectorErrorKind.Permanent);
        failure.Message.Should().Contain("resposta inválida (200)").And.Contain("recibo ilegível");
        failure.Failure.ResponseExcerpt.Should().Be("<html>upstream says hi</html>", "the grid shows what VTEX answered");
        host.Server.RequestsTo("POST", InvoicePath).Should().HaveCount(1, "a 200 is not retried");
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task Cancel_AnsweredWithNoReceipt_IsAPermanentFailure(string body)
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("POST", CancelPath, FakeResponse.Raw(body));

        var cancel = () => host.Factory.GetVtexOrdersClient(ConnectorTestHost.ConnectionId).CancelAsync(OrderId, "Cancelado no ERP");

        var failure = (await cancel.Should().ThrowAsync<ConnectorException>()).Which;
        failure.Kind.Should().Be(ConnectorErrorKind.Permanent);
        failure.Message.Should().Contain("resposta inválida (200)").And.Contain("resposta sem recibo");
    }
}
