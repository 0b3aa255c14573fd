using System.Net;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.IntegrationTests.Orders;
using IpaasMonitor.IntegrationTests.Security;
using IpaasMonitor.Sandbox.Vtex;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Monitoring;

/// <summary>Issue 15 items 6 and 7 over HTTP: the CSV export of the grid's filter, and the CPF search from order to export.</summary>
public sealed class MessageExportTests : IAsyncLifetime
{
    private const string Connection = "EXPORT-TEST";
    private const int MaxRows = 3;

    private readonly IpaasMonitorApp app = new(extra: OrderTestKit.Settings(new() { ["Export:MaxRows"] = "3" }));

    public Task InitializeAsync()
    {
        _ = app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Export_WritesTheGridsFilterAsCsv_MaskedAuditedAndCut_ForSignedInUsersOnly()
    {
        var now = DateTime.UtcNow;
        var failed = Enumerable.Range(0, 3).Select(i =>
        {
            var m = TestMessages.New(now.AddMinutes(-i), MessageSituation.Failed, diagram: 27, connection: Connection, businessKey: $"v{i}-01", correlationId: $"v{i}-01");
            m.LastError = $"ERP recusou o cliente 390.533.447-05 (maria.souza@example.com); campo \"nome\"; tentativa {i}";
            return m;
        }).ToList();
        var processed = Enumerable.Range(0, 2).Select(i => TestMessages.New(now.AddMinutes(-10 - i), MessageSituation.Processed, connection: Connection)).ToList();
        const string GroupKey = "00c0ffee00c0ffee";
        failed[0].CauseKey = GroupKey;
        failed[2].CauseKey = GroupKey;
        await app.DbAsync(async db =>
        {
            db.Messages.AddRange(failed.Concat(processed));
            return await db.SaveChangesAsync();
        });

        using var anonymous = SignIn.Anonymous(app);
        (await anonymous.GetAsync($"/mensagens/exportar?conexao={Connection}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var viewer = await SignIn.AsAsync(app, SignIn.Viewer);
        using var response = await viewer.GetAsync($"/mensagens/exportar?conexao={Connection}&situacao=erro&pagina=3");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.Should().StartWith("mensagens-").And.EndWith(".csv");
        response.Headers.Contains(MessageExport.CutHeader).Should().BeFalse("three failures fit in the limit");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("IDENTIFICADOR;ID DA MENSAGEM;CONEXÃO;DIAGRAMA;INTEGRAÇÃO;SITUAÇÃO");
        lines.Skip(1).Should().HaveCount(3, "the filter's page parameter does not matter: the whole filter is exported")
            .And.OnlyContain(l => l.Contains(";Erro;", StringComparison.Ordinal) && l.Contains(Connection, StringComparison.Ordinal));
        lines[1].Should().StartWith(failed[0].ShortId + ";" + failed[0].MessageId, "newest first");
        lines[1].Should().Contain("\"ERP recusou o cliente ***.533.447-** (m***@example.com); campo \"\"nome\"\"; tentativa 0\"");
        string.Join('\n', lines).Should().NotContain("390.533.447-05").And.NotContain("maria.souza");

        var audit = await app.DbAsync(db => db.Audit.AsNoTracking().SingleAsync(a => a.Action == MessageExport.AuditAction && a.Details!.Contains(Connection)));
        audit.UserName.Should().Be(SignIn.Viewer);
        audit.Details.Should().StartWith("3 linhas").And.Contain("situacao=erro");

        using var everything = await viewer.GetAsync($"/mensagens/exportar?conexao={Connection}");
        everything.Headers.GetValues(MessageExport.CutHeader).Should().Equal(MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var cut = (await everything.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        cut.Should().HaveCount(1 + MaxRows + 1);
        cut[^1].Should().StartWith("Exportação limitada às 3 mensagens mais recentes");

        // A failure group (its cause key, ADR-017) narrows the export like any other filter.
        using var group = await viewer.GetAsync($"/mensagens/exportar?conexao={Connection}&grupo={GroupKey}");
        group.StatusCode.Should().Be(HttpStatusCode.OK);
        var groupLines = (await group.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        groupLines.Skip(1).Select(l => l.Split(';')[0]).Should().Equal(failed[0].ShortId, failed[2].ShortId);
    }

    [Fact]
    public async Task CpfTypedWithOrWithoutPunctuation_FindsTheBuyersOrder_InTheGridAndTheExport_WithoutStoringIt()
    {
        await OrderTestKit.RunAsync(app, 23);
        var order = OrderTestKit.Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = OrderTestKit.MainWarehouse, Corporate = false });
        await OrderTestKit.RunAsync(app, 24, 25, 26, 27);
        var cpf = order.Buyer.Cpf;
        var typed = $"{cpf[..3]}.{cpf[3..6]}.{cpf[6..9]}-{cpf[9..]}";
        var orderMessages = await OrderTestKit.MessagesOfAsync(app, order.OrderId);
        orderMessages.Should().Contain(m => m.Diagram == 26).And.Contain(m => m.Diagram == 27);

        var queries = app.Services.GetRequiredService<MessageQueries>();
        foreach (var search in new[] { typed, cpf, $" {cpf} " })
        {
            var page = await queries.GetPageAsync(new MessageFilter { Search = search }, MessagePageRequest.First(100), default);
            page.Rows.Select(r => r.MessageId).Should().BeEquivalentTo(orderMessages.Select(m => m.MessageId), search);
        }

        using var viewer = await SignIn.AsAsync(app, SignIn.Viewer);
        var grid = await viewer.GetStringAsync($"/mensagens?busca={Uri.EscapeDataString(typed)}");
        grid.Should().Contain(orderMessages.Single(m => m.Diagram == 26).MessageId.ToString());
        var csv = await viewer.GetStringAsync($"/mensagens/exportar?busca={Uri.EscapeDataString(typed)}");
        csv.Should().Contain(order.OrderId).And.NotContain(cpf).And.NotContain(typed).And.NotContain(order.Buyer.LastName);

        var audited = await app.DbAsync(db => db.Audit.AsNoTracking().Where(a => a.Action == MessageExport.AuditAction).Select(a => a.Details).ToListAsync());
        audited.Should().Contain(d => d!.Contains("busca=***.", StringComparison.Ordinal)).And.NotContain(d => d!.Contains(typed, StringComparison.Ordinal));

        var stored = await app.DbAsync(db => db.CustomerDocuments.AsNoTracking().ToListAsync());
        stored.Should().ContainSingle(d => d.OrderId == order.OrderId).Which.DocumentHash.Should().HaveCount(CustomerDocument.HashLength);
        stored.Should().OnlyContain(d => !System.Text.Encoding.ASCII.GetString(d.DocumentHash).Contains(cpf, StringComparison.Ordinal));
    }
}
