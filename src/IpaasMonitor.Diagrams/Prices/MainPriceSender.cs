using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Pricing;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Prices;

/// <summary>The main price PUT, shared by 10 (price of the SKUs it sends) and 20 (price changes).</summary>
public static class MainPriceSender
{
    public const string Step = "PUT prices";

    /// <summary>Sends one main price with the branch prices merged in; returns the body sent and the failure, if any.</summary>
    public static async Task<(string Payload, HubMark? Mark, ConnectorException? Error)> SendAsync(
        VtexPricingClient pricing, HubRecord record, int skuId, IEnumerable<HubRecord> branchRecords, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        ArgumentNullException.ThrowIfNull(record);
        var price = HubStore.Read<HubPrice>(record);
        var branches = branchRecords.Select(HubStore.Read<HubBranchPrice>).ToList();
        var body = PriceMapping.ToVtex(price, branches);
        var payload = HubToVtex.Json(body);
        try
        {
            await pricing.PutAsync(skuId, body, cancellationToken);
            return (payload, HubMark.Sent(record, TextRules.Key(skuId)), null);
        }
        catch (ConnectorException ex)
        {
            return (payload, ex.Kind == ConnectorErrorKind.Permanent ? HubMark.Rejected(record) : null, ex);
        }
    }
}
