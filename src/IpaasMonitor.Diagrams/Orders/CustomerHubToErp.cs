using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Person;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 27 - Customer-HubToErp: makes sure the buyer of each validated order exists in the ERP, by CPF (individual) or
/// CNPJ (company). It searches by document first and updates the customer it finds; it creates one only when there is
/// none, so re-runs, re-queues and repeat buyers never make a second customer.
/// </summary>
public sealed class CustomerHubToErp(ConnectorFactory connectors, OrderStore orders, OrderFlow flow) : OrderStageDiagram<ErpClient>(orders, flow)
{
    public const string CreatedComponent = "CUSTOMER CREATED";
    public const string UpdatedComponent = "CUSTOMER UPDATED";

    protected override OrderStage Stage => OrderStage.Validated;

    protected override Task<ErpClient> StartAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(connectors.GetErpClient(context.Connection.Id));
    }

    protected override Task<ItemResult> ProcessAsync(DiagramContext context, ErpClient run, HubOrder order, CancellationToken cancellationToken) =>
        SyncAsync(context, run, order, cancellationToken);

    public override async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = await Orders.FindAsync(context.Connection.Id, businessKey, cancellationToken);
        if (order is null)
        {
            return ItemResult.Fail(MessageComponents.NotInHub, businessKey, null, $"Pedido {businessKey} não está no hub.", correlationId: businessKey);
        }

        if (order.Stage != OrderStage.Validated)
        {
            return order.Stage > OrderStage.Validated
                ? ItemResult.Ok(UpdatedComponent, businessKey, null, businessKey)
                : ItemResult.Fail(MessageComponents.NotInHub, businessKey, null, $"Pedido {businessKey} ainda não foi validado (etapa {order.Stage}).", correlationId: businessKey);
        }

        return await SyncAsync(context, connectors.GetErpClient(context.Connection.Id), order, cancellationToken);
    }

    /// <summary>The ERP address of the buyer (the shipping address of the order).</summary>
    public static ErpCustomerAddress Address(HubShipping s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new ErpCustomerAddress("Residential", 1, s.PostalCode, s.Street ?? "", s.Number ?? "S/N", s.Complement, s.Neighborhood, s.City, s.State);
    }

    private async Task<ItemResult> SyncAsync(DiagramContext context, ErpClient erp, HubOrder order, CancellationToken cancellationToken)
    {
        var content = HubOrderContent.Of(order);
        if (content is null)
        {
            return ItemResult.Fail(MessageComponents.UnreadableHub, order.OrderId, null, "Pedido validado sem conteúdo no hub: re-enfileire o diagrama 26.", correlationId: order.OrderId);
        }

        var c = content.Customer;
        var phones = string.IsNullOrWhiteSpace(c.Phone) ? Array.Empty<ErpCustomerPhone>() : [new ErpCustomerPhone(1, BrazilianDocuments.Digits(c.Phone), true)];
        var emails = string.IsNullOrWhiteSpace(c.Email) ? Array.Empty<ErpCustomerEmail>() : [new ErpCustomerEmail(1, c.Email, true)];
        var step = c.IsCorporate ? "POST legal-entities/search" : "POST individuals/search";
        object body;
        ItemResult result;
        int customerCode;
        try
        {
            var existing = c.IsCorporate
                ? await erp.FindLegalEntityAsync(c.Document, cancellationToken)
                : await erp.FindIndividualAsync(c.Document, cancellationToken);
            int code;
            if (c.IsCorporate)
            {
                var legal = new ErpLegalCustomer
                {
                    Code = existing?.Code,
                    Cnpj = c.Document,
                    Name = c.Name,
                    FantasyName = c.TradeName,
                    StateRegistration = c.StateInscription,
                    BranchInsertCode = OrderRouting.MainBranch(context.Connection),
                    Addresses = [Address(content.Shipping)],
                    Phones = phones,
                    Emails = emails,
                };
                body = legal;
                step = "POST legal-customers";
                code = await erp.UpsertLegalAsync(legal, cancellationToken);
            }
            else
            {
                var individual = new ErpIndividualCustomer
                {
                    Code = existing?.Code,
                    Cpf = c.Document,
                    Name = c.Name,
                    BranchInsertCode = OrderRouting.MainBranch(context.Connection),
                    Addresses = [Address(content.Shipping)],
                    Phones = phones,
                    Emails = emails,
                };
                body = individual;
                step = "POST individual-customers";
                code = await erp.UpsertIndividualAsync(individual, cancellationToken);
            }

            var payload = JsonSerializer.Serialize(new { customerCode = code, created = existing is null, request = body }, HubStore.Json);
            result = ItemResult.Ok(existing is null ? CreatedComponent : UpdatedComponent, order.OrderId, payload, order.OrderId);
            customerCode = code;
        }
        catch (ConnectorException ex)
        {
            return await Orders.UpdateAsync(
                order.Id,
                s => s.SetProperty(o => o.LastError, ex.Failure.ToShortMessage()),
                ItemResult.Fail(step, order.OrderId, null, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, order.OrderId),
                cancellationToken);
        }

        // A kill before this commit leaves the order Validated: the next run searches the document again and updates
        // the customer it now finds (no second customer).
        return await Orders.AdvanceAsync(
            order.Id,
            [OrderStage.Validated],
            OrderStage.CustomerReady,
            s => s.SetProperty(o => o.CustomerCode, customerCode).SetProperty(o => o.LastError, (string?)null),
            _ => result,
            cancellationToken);
    }
}
