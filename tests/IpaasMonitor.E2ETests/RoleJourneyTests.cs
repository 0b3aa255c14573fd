using System.Text.RegularExpressions;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.E2ETests.Infrastructure;
using IpaasMonitor.E2ETests.Pages;
using IpaasMonitor.Sandbox.Faults;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace IpaasMonitor.E2ETests;

/// <summary>
/// Issue 5: sign-in is required; a viewer sees personal data masked and no actions; an operator re-queues a
/// message that failed for a passing reason, watches it end processed, and the re-queue is audited in their name.
/// </summary>
[Collection(MonitorCollection.Name)]
public sealed partial class RoleJourneyTests(MonitorFixture fixture)
{
    private const string Cpf = "123.456.789-09";
    private const string MaskedCpf = "***.456.789-**";
    private const string Email = "maria.teste@example.com";
    private const string MaskedEmail = "m***@example.com";
    private const int TransientBrandCode = 9001;

    [Fact]
    public async Task Journey_ViewerSeesMaskedDataAndNoActions_ThenOperatorRequeuesAFailedBrand_AndSeesItProcessedAndAudited()
    {
        var customer = await InsertFailedCustomerMessageAsync();
        var transient = await CreateTransientBrandFailureAsync();

        await using var session = await fixture.OpenAsync();
        await session.RunAsync(async () =>
        {
            var page = session.Page;
            var login = new LoginPage(session);
            var grid = new MessageGridPage(session);
            var detail = new MessageDetailPage(session);

            // Anonymous: every page sends to the sign-in form, which returns to where the user was going.
            await page.GotoAsync("");
            await login.ExpectShownAsync();
            await Expect(page).ToHaveURLAsync(ReturnToRoot());

            // Viewer: no re-queue anywhere, personal data masked.
            await login.SignInAsync(DemoUsers.Viewer, DemoUsers.ViewerPassword);
            await Expect(page).ToHaveURLAsync(session.BaseAddress.ToString());
            await grid.GotoAsync();
            await Expect(grid.Row(customer.MessageId)).ToBeVisibleAsync();
            await Expect(grid.SituationChip(grid.Row(customer.MessageId))).ToHaveAttributeAsync("title", new Regex(Regex.Escape(MaskedCpf)));
            await Expect(grid.RequeueSelected).ToHaveCountAsync(0);
            await Expect(grid.RequeueAllFailed).ToHaveCountAsync(0);
            await Expect(grid.RowCheckboxes).ToHaveCountAsync(0);

            await detail.GotoAsync(customer.MessageId);
            await Expect(detail.Situation).ToHaveAttributeAsync("data-situation", "erro");
            await Expect(detail.Payload).ToContainTextAsync(MaskedCpf);
            await Expect(detail.Payload).ToContainTextAsync(MaskedEmail);
            await Expect(detail.Payload).Not.ToContainTextAsync(Cpf);
            await Expect(detail.Payload).Not.ToContainTextAsync(Email);
            await Expect(detail.LastError).ToContainTextAsync(MaskedCpf);
            await Expect(detail.LastError).Not.ToContainTextAsync(Cpf);
            await Expect(detail.Requeue).ToHaveCountAsync(0);
            await Expect(detail.Discard).ToHaveCountAsync(0);
            await Expect(detail.Reveal).ToHaveCountAsync(0);
            await session.ExpectNoBlazorErrorAsync();

            await login.SignOutAsync();

            // Operator: the actions are there; re-queue the brand the fault made fail.
            await login.SignInAsync(DemoUsers.Operator, DemoUsers.OperatorPassword);
            await grid.GotoAsync();
            await Expect(grid.RequeueAllFailed).ToBeVisibleAsync();
            await Expect(grid.RowCheckboxes.First).ToBeVisibleAsync();

            await detail.GotoAsync(transient.MessageId);
            await Expect(detail.Situation).ToHaveAttributeAsync("data-situation", "erro");
            await Expect(detail.LastError).ToContainTextAsync("503");
            await Expect(detail.Discard).ToBeVisibleAsync();
            await Expect(detail.AuditRows).ToHaveCountAsync(0);

            await detail.RequeueAsync();

            var audit = detail.AuditRows.Filter(new() { HasText = DemoUsers.Operator });
            await Expect(audit).ToHaveCountAsync(1);
            await Expect(audit).ToContainTextAsync("Reenfileirou");
            await Expect(detail.Situation).ToHaveAttributeAsync("data-situation", "processada");
            await Expect(detail.Situation).ToHaveTextAsync("Processada");
            await Expect(detail.Requeue).ToHaveCountAsync(0);
            await Expect(detail.Attempts).ToHaveCountAsync(2);
            await Expect(detail.Attempts.Last).ToContainTextAsync(DemoUsers.Operator);
        });

        var stored = await fixture.Server.DbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.MessageId == transient.MessageId));
        stored.Situation.Should().Be(MessageSituation.Processed);
        fixture.Server.Sandbox.State.Vtex.Account("loja-a").Brands.Should().ContainSingle(b => b.Id.ToString() == transient.BusinessKey);
    }

    /// <summary>A failed message of diagram 27 (customer to the ERP) whose payload and error carry a CPF and an e-mail.</summary>
    private async Task<IntegrationMessage> InsertFailedCustomerMessageAsync()
    {
        const string orderId = "v5012345-01";
        var payload = System.Text.Json.JsonSerializer.Serialize(new { orderId, customer = new { name = "Maria Teste", document = Cpf, email = Email } });
        return await fixture.Server.InsertAsync(MonitorServer.FirstConnection, 27, ItemResult.Fail(
            "POST customer", orderId, payload, $"ERP 400: cliente {Cpf} recusado", correlationId: orderId));
    }

    /// <summary>A new ERP brand whose creation in VTEX fails once with 503 (an injected fault, then cleared).</summary>
    private async Task<IntegrationMessage> CreateTransientBrandFailureAsync()
    {
        var sandbox = fixture.Server.Sandbox.State;
        sandbox.Erp.Tenant("tenant-a").UpsertBrand(TransientBrandCode, "Marca Passageira E2E");
        await fixture.Server.RunAsync(MonitorServer.FirstConnection, 1);
        sandbox.Faults.Set(new FaultRule { Route = "vtex:POST *", FailNext = 1, FailNextStatus = 503 });
        Guid run;
        try
        {
            run = await fixture.Server.RunAsync(MonitorServer.FirstConnection, 2);
        }
        finally
        {
            sandbox.Faults.Clear();
        }

        var key = TransientBrandCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var failed = await fixture.Server.DbAsync(db => db.Messages.AsNoTracking()
            .SingleAsync(m => m.RunId == run && m.BusinessKey == key && m.Situation == MessageSituation.Failed));
        failed.LastError.Should().Contain("503");
        return failed;
    }

    [GeneratedRegex(@"/conta/entrar\?ReturnUrl=%2F$")]
    private static partial Regex ReturnToRoot();
}
