using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Components.Pages.Messages;
using IpaasMonitor.Web.Security;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Tests.Components.Pages.Messages;

public sealed class PersonalDataTests : MonitorTestContext
{
    private const string OrderPayload =
        "{\"orderId\":\"v555-01\",\"clientProfileData\":{\"email\":\"maria.silva@example.com\",\"document\":\"123.456.789-09\",\"phone\":\"+5511987654321\"}," +
        "\"shippingData\":{\"address\":{\"street\":\"Rua das Flores\",\"number\":\"42\",\"postalCode\":\"01310-100\",\"city\":\"São Paulo\"}}," +
        "\"invoice\":{\"number\":\"123\"}}";

    [Fact]
    public async Task Viewer_SeesMaskedPersonalData_AndNoActionsOrReveal()
    {
        ActAs("viewer@teste", Roles.Viewer);
        var failed = TestMessages.New(MonitorTestContext.Now.AddMinutes(-3), MessageSituation.Failed, diagram: 27, component: "POST customer",
            businessKey: "v555-01", correlationId: "v555-01", payload: OrderPayload);
        failed.LastError = "CPF 123.456.789-09 rejeitado pelo ERP";
        await Database.InsertAsync(failed);

        var cut = Render<MessageDetails>(p => p.Add(c => c.MessageId, failed.MessageId));

        cut.WaitForAssertion(() => cut.Find("[data-testid=payload]").TextContent.Should().Contain("***.456.789-**"));
        var shown = cut.Find("[data-testid=payload]").TextContent;
        shown.Should().NotContain("123.456.789-09").And.NotContain("maria.silva@").And.NotContain("Rua das Flores").And.NotContain("987654321");
        shown.Should().Contain("m***@example.com").And.Contain("São Paulo").And.Contain("\"number\": \"123\"", "an invoice number is not personal data");
        cut.Markup.Should().NotContain("123.456.789-09", "the error text is masked too");
        cut.FindAll("[data-testid=detail-requeue]").Should().BeEmpty();
        cut.FindAll("[data-testid=detail-discard]").Should().BeEmpty();
        cut.FindAll("[data-testid=detail-reveal]").Should().BeEmpty();
    }

    [Fact]
    public async Task Operator_RevealsThePayload_AndTheRevealIsAudited()
    {
        var failed = TestMessages.New(MonitorTestContext.Now.AddMinutes(-3), MessageSituation.Failed, diagram: 27, payload: OrderPayload);
        await Database.InsertAsync(failed);

        var cut = Render<MessageDetails>(p => p.Add(c => c.MessageId, failed.MessageId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=payload]").TextContent.Should().Contain("***.456.789-**"));

        await cut.Find("[data-testid=detail-reveal]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid=payload]").TextContent.Should().Contain("123.456.789-09"));
        await using var db = await Database.Factory.CreateDbContextAsync();
        var audit = await db.Audit.SingleAsync(a => a.Action == AuditLog.Reveal);
        audit.UserName.Should().Be("operador@teste");
        audit.TargetId.Should().Be(failed.MessageId.ToString());
    }

    [Fact]
    public async Task Viewer_GridHasNoSelectionOrRequeue()
    {
        ActAs("viewer@teste", Roles.Viewer);
        await Database.InsertAsync(TestMessages.New(MonitorTestContext.Now.AddMinutes(-1), MessageSituation.Failed));

        var cut = Render<MessageGrid>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=message-row]").Should().HaveCount(1));
        cut.FindAll("[data-testid=requeue-selected]").Should().BeEmpty();
        cut.FindAll("[data-testid=requeue-all-failed]").Should().BeEmpty();
        cut.FindAll("[data-testid=select-row]").Should().BeEmpty();
    }

    [Theory]
    [InlineData("{\"document\":\"12345678000195\"}", "**.345.678/****-**")]
    [InlineData("{\"corporateDocument\":\"12.345.678/0001-95\"}", "**.345.678/****-**")]
    [InlineData("erro: CNPJ 12.345.678/0001-95 inválido", "**.345.678/****-**")]
    [InlineData("{\"homePhone\":\"(11) 3333-4444\"}", "****4444")]
    public void Mask_HidesDocumentsAndPhones(string input, string expected)
    {
        var masked = PersonalDataMasker.Mask(input);
        masked.Should().Contain(expected);
        masked.Should().NotContain("12345678000195").And.NotContain("3333-4444");
    }
}
