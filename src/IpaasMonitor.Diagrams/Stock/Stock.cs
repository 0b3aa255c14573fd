using System.Globalization;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Connectors.Vtex.Logistics;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Stock;

/// <summary>The sellable stock of an SKU in one branch, as the hub keeps it, with the VTEX warehouse it goes to.</summary>
public sealed record HubStock(int ProductCode, int BranchCode, string WarehouseId, int Quantity, DateTime CountedAtUtc);

/// <summary>ERP balances → hub → VTEX inventory, as pure functions.</summary>
public static class StockMapping
{
    /// <summary>Above this a balance is taken for a typing error.</summary>
    public const decimal MaxQuantity = 1_000_000m;

    /// <summary>
    /// Sellable = stock + incoming transfers − outgoing transfers − sales orders, summed over the branch's stock codes,
    /// never below zero (orders may reserve more than is on hand). A negative physical stock is an ERP error, refused.
    /// </summary>
    public static ErpRecordMapping Map(ErpBalanceItem item, BranchOptions branch, string kind)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(branch);
        var key = $"{TextRules.Key(item.ProductCode)}/{TextRules.Key(branch.ErpBranchCode)}";
        if (string.IsNullOrWhiteSpace(branch.WarehouseId))
        {
            return ErpRecordMapping.Refused(key, $"Filial {TextRules.Key(branch.ErpBranchCode)} sem depósito VTEX configurado (Branches:WarehouseId).");
        }

        var balances = item.Balances.Where(b => b.BranchCode == branch.ErpBranchCode && (branch.ErpStockCodes.Count == 0 || branch.ErpStockCodes.Contains(b.StockCode))).ToList();
        if (balances.Count == 0)
        {
            return ErpRecordMapping.Refused(key, $"Produto {TextRules.Key(item.ProductCode)} sem saldo da filial {TextRules.Key(branch.ErpBranchCode)} na resposta do ERP.");
        }

        if (balances.FirstOrDefault(b => b.Stock < 0) is { } negative)
        {
            return ErpRecordMapping.Refused(key, $"Produto {TextRules.Key(item.ProductCode)}: estoque negativo ({negative.Stock.ToString(CultureInfo.InvariantCulture)}) na filial {TextRules.Key(branch.ErpBranchCode)}, código de estoque {TextRules.Key(negative.StockCode)}; corrija o saldo no ERP.");
        }

        var sellable = balances.Sum(b => b.Stock + b.InputTransaction - b.OutputTransaction - b.SalesOrder);
        if (sellable > MaxQuantity)
        {
            return ErpRecordMapping.Refused(key, $"Produto {TextRules.Key(item.ProductCode)}: saldo {sellable.ToString(CultureInfo.InvariantCulture)} acima do limite de {MaxQuantity.ToString(CultureInfo.InvariantCulture)}; confira o cadastro.");
        }

        var quantity = (int)Math.Max(0, Math.Floor(sellable));
        var content = new HubStock(item.ProductCode, branch.ErpBranchCode, branch.WarehouseId, quantity, item.MaxChangeFilterDate.UtcDateTime);
        return ErpRecordMapping.Ok(key, new HubEntry(kind, new HubItem(key, TextRules.Key(item.ProductCode), content, item.MaxChangeFilterDate.UtcDateTime)));
    }

    /// <summary>The full PUT body: quantity, unlimitedQuantity and leadTime always (left out, VTEX resets them).</summary>
    public static VtexInventoryUpdate ToVtex(HubStock stock)
    {
        ArgumentNullException.ThrowIfNull(stock);
        return new VtexInventoryUpdate
        {
            Quantity = stock.Quantity,
            UnlimitedQuantity = false,
            LeadTime = "00:00:00",
            DateUtcOnBalanceSystem = DateTime.SpecifyKind(stock.CountedAtUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
    }
}
