using IpaasMonitor.Data.Entities;
using IpaasMonitor.Sandbox.Orders;
using IpaasMonitor.Sandbox.Vtex;
using IpaasMonitor.Web.Security;
using Microsoft.EntityFrameworkCore;
using static IpaasMonitor.IntegrationTests.Orders.OrderTestKit;

namespace IpaasMonitor.IntegrationTests.Orders;

/// <summary>
/// Issue 15 item 8: every order diagram's real payloads, remote responses and errors (produced by running 23–38 against the
/// sandbox: whole, partial and cancelled orders, individual and corporate buyers, refused orders) keep no name, phone,
/// e-mail, CPF/CNPJ or address of a buyer once masked.
/// </summary>
public sealed class PersonalDataMaskingTests : IAsyncLifetime
{
    private readonly IpaasMonitorApp app = new(extra: Settings());

    public async Task InitializeAsync()
    {
        _ = app.Services;
        await RunAsync(app, 23);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task EveryOrderDiagramsPayloadAndError_KeepNoPersonalValue_OnceMasked()
    {
        var oms = Oms(app.Sandbox);
        var orders = new List<OmsOrder>
        {
            oms.PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse, Corporate = false }),
            oms.PlaceOrder(new OmsOrderRequest { WarehouseId = BranchWarehouse, Corporate = true, Items = [(10_001, 2), (10_005, 1)] }),
            oms.PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse, Corporate = true }),
            oms.PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse, Defect = OmsOrderDefect.WrongTotals }),
            oms.PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse, Defect = OmsOrderDefect.InvalidDocument }),
        };
        await ToHandlingAsync(app);
        var erp = Erp(app.Sandbox);
        erp.Invoice(erp.FindOrder(orders[0].OrderId)!.OrderCode);
        erp.Invoice(erp.FindOrder(orders[1].OrderId)!.OrderCode, [(10_001, 2)]);
        erp.CancelOrder(erp.FindOrder(orders[2].OrderId)!.OrderCode);
        await RunAsync(app, 30, 31, 32, 33, 38, 34, 35, 36, 37);
        erp.Invoice(erp.FindOrder(orders[1].OrderId)!.OrderCode);
        await RunAsync(app, 32, 33, 38);

        var messages = await app.DbAsync(db => db.Messages.AsNoTracking().Include(m => m.Payload).Include(m => m.Attempts)
            .Where(m => m.Diagram >= 23 && m.Diagram <= 38).ToListAsync());
        messages.Select(m => m.Diagram).Distinct().Should().Contain([24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 38]);
        var personal = orders.SelectMany(o => PersonalValues(o.Buyer)).Distinct().ToList();
        var texts = messages.SelectMany(m => new[]
            {
                (m, "payload", m.Payload?.Content, PersonalDataMasker.Mask(m.Payload?.Content)),
                (m, "response", m.Payload?.RemoteResponse, PersonalDataMasker.Mask(m.Payload?.RemoteResponse)),
                (m, "error", m.LastError, m.LastError is null ? null : PersonalDataMasker.MaskText(m.LastError)),
            }.Concat(m.Attempts.SelectMany(a => new[]
            {
                (m, "attempt error", a.Error, a.Error is null ? null : PersonalDataMasker.MaskText(a.Error)),
                (m, "attempt excerpt", a.Excerpt, PersonalDataMasker.Mask(a.Excerpt)),
            })))
            .Where(t => !string.IsNullOrEmpty(t.Item3)).ToList();

        // The walk sees personal data before masking (else it would prove nothing): names, documents, addresses, phones.
        foreach (var diagram in new[] { 26, 27, 28 })
        {
            texts.Where(t => t.m.Diagram == diagram).Should().Contain(t => personal.Any(p => t.Item3!.Contains(p, StringComparison.Ordinal)),
                $"diagram {diagram}'s payload carries the buyer");
        }

        var leaks = texts
            .SelectMany(t => personal.Where(p => t.Item4!.Contains(p, StringComparison.Ordinal)).Select(p => $"{t.m.Diagram:00} {t.m.Component} {t.Item2}: '{p}'"))
            .ToList();
        leaks.Should().BeEmpty();
    }

    /// <summary>
    /// What identifies the buyer, in every form a payload writes it. Short values that could be part of other text (a
    /// first name, a neighbourhood, a postal code's digits) are looked for as whole JSON values.
    /// </summary>
    private static IEnumerable<string> PersonalValues(SandboxBuyer buyer)
    {
        static string Json(string value) => "\"" + value + "\"";
        yield return $"{buyer.FirstName} {buyer.LastName}";
        yield return Json(buyer.FirstName);
        yield return Json(buyer.LastName);
        yield return buyer.Email;
        yield return buyer.Email[..buyer.Email.IndexOf('@', StringComparison.Ordinal)];
        yield return buyer.Phone;
        yield return buyer.Phone[3..]; // without +55
        yield return buyer.Cpf;
        yield return $"{buyer.Cpf[..3]}.{buyer.Cpf[3..6]}.{buyer.Cpf[6..9]}-{buyer.Cpf[9..]}";
        if (buyer.Cnpj is { } cnpj)
        {
            yield return cnpj;
        }

        if (buyer.CorporateName is { } corporate)
        {
            yield return corporate;
        }

        var address = buyer.Address;
        yield return address.Street;
        yield return Json(address.PostalCode);
        yield return $"{address.PostalCode[..5]}-{address.PostalCode[5..]}";
        yield return Json(address.Neighborhood);
        if (!string.IsNullOrWhiteSpace(address.Complement))
        {
            yield return address.Complement;
        }
    }
}
