using System.Text.Json;
using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Erp;

/// <summary>
/// TOTVS Moda product/v2 catalogue searches (totvs-side.md §2.4; docs/erp-api.md lists which are assumed).
/// All take the search envelope, the change window and paging.
/// </summary>
internal static class ErpCatalogEndpoints
{
    private const string Product = "api/totvsmoda/product/v2/";

    public static void Map(RouteGroupBuilder erp)
    {
        var g = SandboxGroup.Erp;
        erp.MapSandbox(g, "POST", "categories/search", Product + "categories/search", Categories);
        erp.MapSandbox(g, "POST", "references/search", Product + "references/search", References);
        erp.MapSandbox(g, "POST", "product-codes/search", Product + "product-codes/search", ProductCodes);
        erp.MapSandbox(g, "POST", "products/search", Product + "products/search", Products);
        erp.MapSandbox(g, "POST", "balances/search", Product + "balances/search", Balances);
        erp.MapSandbox(g, "POST", "prices/search", Product + "prices/search", Prices);
        erp.MapSandbox(g, "POST", "price-tables/search", Product + "price-tables/search", PriceTables);
    }

    private static IResult Categories(HttpContext http, SandboxState state, string tenant) =>
        Search(http, state, tenant, 1000, (t, s) =>
        {
            var codes = s.FilterInts("categoryCodeList");
            var items = t.Read(c => c.Categories.Where(x => s.InChangeWindow(x.ChangedAt) && (codes is null || codes.Contains(x.Code))).ToList());
            return Page(t, s, items, CategoryOrder, "code", x => new
            {
                code = x.Code,
                name = x.Name,
                parentCode = x.ParentCode,
                isActive = x.IsActive,
                maxChangeFilterDate = ErpDates.Format(x.ChangedAt),
            });
        });

    private static IResult References(HttpContext http, SandboxState state, string tenant) =>
        Search(http, state, tenant, 1000, (t, s) =>
        {
            var codes = s.FilterStrings("referenceCodeList");
            var brands = s.FilterInts("brandCodeList");
            var categories = s.FilterInts("categoryCodeList");
            var expand = Expand(s);
            var items = t.Read(c => c.References
                .Where(r => s.InChangeWindow(r.ChangedAt)
                    && (codes is null || codes.Contains(r.Code))
                    && (brands is null || brands.Contains(r.BrandCode))
                    && (categories is null || categories.Contains(r.CategoryCode)))
                .ToList());
            return Page(t, s, items, ReferenceOrder, "referenceCode", r => new
            {
                referenceCode = r.Code,
                referenceName = r.Name,
                description = r.Description,
                brandCode = r.BrandCode,
                categoryCode = r.CategoryCode,
                gridCode = r.GridCode,
                isActive = r.IsActive,
                colors = r.Colors.Select(x => new { colorCode = x.Code, colorName = x.Name }),
                sizes = r.Sizes,
                additionalFields = expand.Contains("additionalFields") ? r.AdditionalFields.Select(AdditionalField) : null,
                similarReferences = expand.Contains("similarReferences") ? r.SimilarReferences : null,
                maxChangeFilterDate = ErpDates.Format(r.ChangedAt),
            });
        });

    private static IResult ProductCodes(HttpContext http, SandboxState state, string tenant) =>
        Search(http, state, tenant, 100_000, (t, s) =>
        {
            var rows = t.Read(c => ChangedProducts(c, s).Select(x => (x.Product.Code, x.ChangedAt)).ToList());
            return Page(t, s, rows, new Dictionary<string, Func<(int Code, DateTimeOffset ChangedAt), IComparable>>(StringComparer.OrdinalIgnoreCase)
            {
                ["productCode"] = r => r.Code,
                ["maxChangeFilterDate"] = r => r.ChangedAt,
            }, "productCode", r => new { productCode = r.Code, maxChangeFilterDate = ErpDates.Format(r.ChangedAt) });
        });

    private static IResult Products(HttpContext http, SandboxState state, string tenant) =>
        Search(http, state, tenant, 1000, (t, s) =>
        {
            if (ErpSearchRequest.Property(s.Option, "branchInfoCode") is not { ValueKind: JsonValueKind.Number } branchInfo
                || !t.Branches.Contains(branchInfo.GetInt32()))
            {
                return t.Error(StatusCodes.Status400BadRequest, new ErpProblem("InvalidParameter", "option.branchInfoCode is required and must be a branch of the company."));
            }

            var expand = Expand(s);
            var rows = t.Read(c => ChangedProducts(c, s)
                .Select(x => (x.Product, x.ChangedAt, Reference: c.TryGetReference(x.Product.ReferenceCode, out var r) ? r : null))
                .ToList());
            return Page(t, s, rows, new Dictionary<string, Func<(ErpProduct Product, DateTimeOffset ChangedAt, ErpReference? Reference), IComparable>>(StringComparer.OrdinalIgnoreCase)
            {
                ["productCode"] = r => r.Product.Code,
                ["referenceCode"] = r => r.Product.ReferenceCode,
                ["maxChangeFilterDate"] = r => r.ChangedAt,
            }, "productCode", r => new
            {
                productCode = r.Product.Code,
                productName = r.Product.Name,
                productSku = r.Product.Sku,
                referenceCode = r.Product.ReferenceCode,
                referenceName = r.Reference?.Name,
                colorCode = r.Product.ColorCode,
                colorName = r.Product.ColorName,
                sizeName = r.Product.SizeName,
                gridCode = r.Product.GridCode,
                brandCode = r.Reference?.BrandCode,
                categoryCode = r.Reference?.CategoryCode,
                isActive = r.Product.IsActive,
                maxChangeFilterDate = ErpDates.Format(r.ChangedAt),
                barCodes = expand.Contains("barCodes") ? new[] { new { barCode = r.Product.Sku, isMain = true } } : null,
                additionalFields = expand.Contains("additionalFields") ? r.Reference?.AdditionalFields.Select(AdditionalField) : null,
            });
        });

    private static IResult Balances(HttpContext http, SandboxState state, string tenant) =>
        Search(http, state, tenant, 1000, (t, s) =>
        {
            var wanted = BranchSelections(s.Option, "balances", "stockCodeList", t.Branches);
            if (wanted is null)
            {
                return t.Error(StatusCodes.Status400BadRequest, new ErpProblem(
                    "InvalidParameter", "option.balances is required: [ { \"branchCode\": n, \"stockCodeList\": [n] } ] with branches of the company."));
            }

            var rows = t.Read(c => Selected(c, s, p => wanted.SelectMany(w => w.Codes.Select(code => c.Balance(p.Code, w.Branch, code))).OfType<ErpBalance>().ToList(), b => b.ChangedAt));
            return Page(t, s, rows, ProductRowOrder<ErpBalance>(), "productCode", r => new
            {
                productCode = r.Product.Code,
                productName = r.Product.Name,
                productSku = r.Product.Sku,
                referenceCode = r.Product.ReferenceCode,
                colorCode = r.Product.ColorCode,
                colorName = r.Product.ColorName,
                sizeName = r.Product.SizeName,
                maxChangeFilterDate = ErpDates.Format(r.ChangedAt),
                balances = r.Parts.Select(b => new
                {
                    branchCode = b.BranchCode,
                    stockCode = b.StockCode,
                    stock = b.Stock,
                    salesOrder = b.SalesOrder,
                    inputTransaction = b.InputTransaction,
                    outputTransaction = b.OutputTransaction,
                    purchaseOrder = 0,
                    productionOrderProgress = 0,
                    productionOrderWaitLib = 0,
                    stockTemp = 0,
                }),
            });
        });

    private static IResult Prices(HttpContext http, SandboxState state, string tenant) =>
        Search(http, state, tenant, 1000, (t, s) =>
        {
            var wanted = BranchSelections(s.Option, "prices", "priceCodeList", t.Branches);
            if (wanted is null)
            {
                return t.Error(StatusCodes.Status400BadRequest, new ErpProblem(
                    "InvalidParameter", "option.prices is required: [ { \"branchCode\": n, \"priceCodeList\": [n] } ] with branches of the company."));
            }

            var rows = t.Read(c => Selected(c, s, p => wanted.SelectMany(w => w.Codes.Select(code => c.Price(p.Code, w.Branch, code))).OfType<ErpPrice>().ToList(), x => x.ChangedAt));
            return Page(t, s, rows, ProductRowOrder<ErpPrice>(), "productCode", r => new
            {
                productCode = r.Product.Code,
                productSku = r.Product.Sku,
                referenceCode = r.Product.ReferenceCode,
                maxChangeFilterDate = ErpDates.Format(r.ChangedAt),
                prices = r.Parts.Select(x => new
                {
                    branchCode = x.BranchCode,
                    priceCode = x.PriceCode,
                    priceName = "VAREJO",
                    price = x.Price,
                    promotionalPrice = x.PromotionalPrice,
                    promotionalInformation = (object?)null,
                }),
            });
        });

    private static IResult PriceTables(HttpContext http, SandboxState state, string tenant) =>
        Search(http, state, tenant, 1000, (t, s) =>
        {
            var branches = ErpSearchRequest.Ints(s.Option, "branchCodeList");
            var tableElement = ErpSearchRequest.Property(s.Option, "priceTableCode");
            if (branches is null || !branches.All(t.Branches.Contains) || tableElement.ValueKind != JsonValueKind.Number || !t.Branches.Contains(tableElement.GetInt32()))
            {
                return t.Error(StatusCodes.Status400BadRequest, new ErpProblem(
                    "InvalidParameter", "option.branchCodeList and option.priceTableCode are required (price table codes equal branch codes here).", $"tables: {string.Join(", ", t.Branches)}"));
            }

            var table = tableElement.GetInt32();
            var rows = t.Read(c => Selected<ErpPriceTableItem>(c, s, p => c.PriceTableItem(table, p.Code) is { } item && branches.Contains(item.BranchCode) ? [item] : [], x => x.ChangedAt));
            return Page(t, s, rows, ProductRowOrder<ErpPriceTableItem>(), "productCode", r => new
            {
                productCode = r.Product.Code,
                productSku = r.Product.Sku,
                referenceCode = r.Product.ReferenceCode,
                priceTableCode = table,
                maxChangeFilterDate = ErpDates.Format(r.ChangedAt),
                prices = r.Parts.Select(x => new { branchCode = x.BranchCode, originalPrice = x.OriginalPrice, price = x.Price, scaleCode = 1 }),
            });
        });

    private static IResult Search(HttpContext http, SandboxState state, string tenant, int maxPageSize, Func<ErpTenant, ErpSearchRequest, IResult> run)
    {
        var t = state.Erp.Tenant(tenant);
        if (t.Authorize(http) is { } denied)
        {
            return denied;
        }

        if (!ErpSearchRequest.TryParse(SandboxRequestFilter.Body(http), maxPageSize, out var search, out var problem))
        {
            return t.Error(StatusCodes.Status400BadRequest, problem!);
        }

        return run(t, search);
    }

    private static IResult Page<T>(ErpTenant t, ErpSearchRequest s, IEnumerable<T> rows, IReadOnlyDictionary<string, Func<T, IComparable>> order, string defaultOrder, Func<T, object> map)
    {
        if (!s.TrySort(rows, order, defaultOrder, out var sorted, out var problem))
        {
            return t.Error(StatusCodes.Status400BadRequest, problem!);
        }

        return ErpResults.Ok(s.ToPage(sorted, map));
    }

    /// <summary>
    /// Products matching the product filters whose selected sources changed in the window. Sources come from
    /// filter.change flags: inProduct (default when no flag is set), inStock, inPrice. The date is the latest
    /// in-window change of the selected sources.
    /// </summary>
    private static IEnumerable<(ErpProduct Product, DateTimeOffset ChangedAt)> ChangedProducts(ErpCatalog c, ErpSearchRequest s)
    {
        var change = ErpSearchRequest.Property(s.Filter, "change");
        bool Flag(string name) => ErpSearchRequest.Property(change, name).ValueKind == JsonValueKind.True;
        var inStock = Flag("inStock");
        var inPrice = Flag("inPrice");
        var inProduct = Flag("inProduct") || (!inStock && !inPrice);
        return Selected(c, s, p =>
        {
            var dates = new List<DateTimeOffset>();
            if (inProduct)
            {
                dates.Add(p.ChangedAt);
            }

            if (inStock)
            {
                dates.AddRange(c.Branches.Select(b => c.Balance(p.Code, b, ErpCatalog.StockCode)).OfType<ErpBalance>().Select(b => b.ChangedAt));
            }

            if (inPrice)
            {
                dates.AddRange(c.Branches.Select(b => c.Price(p.Code, b, ErpCatalog.MainPriceCode)).OfType<ErpPrice>().Select(x => x.ChangedAt));
            }

            return dates;
        }, d => d).Select(r => (r.Product, r.ChangedAt));
    }

    /// <summary>Applies productCodeList / referenceCodeList, then keeps products with at least one part in the window.</summary>
    private static List<ProductRow<TPart>> Selected<TPart>(ErpCatalog c, ErpSearchRequest s, Func<ErpProduct, List<TPart>> parts, Func<TPart, DateTimeOffset> date)
    {
        var codes = s.FilterInts("productCodeList");
        var references = s.FilterStrings("referenceCodeList");
        IEnumerable<ErpProduct> products = references is null
            ? c.Products
            : references.SelectMany(r => c.ProductCodesOf(r)).Distinct().Select(c.Product).OfType<ErpProduct>();
        var rows = new List<ProductRow<TPart>>();
        foreach (var product in products)
        {
            if (codes is not null && !codes.Contains(product.Code))
            {
                continue;
            }

            var all = parts(product);
            var inWindow = all.Where(p => s.InChangeWindow(date(p))).ToList();
            if (inWindow.Count == 0)
            {
                continue;
            }

            rows.Add(new ProductRow<TPart>(product, inWindow.Max(date), all));
        }

        return rows;
    }

    private static Dictionary<string, Func<ProductRow<T>, IComparable>> ProductRowOrder<T>() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["productCode"] = r => r.Product.Code,
        ["referenceCode"] = r => r.Product.ReferenceCode,
        ["maxChangeFilterDate"] = r => r.ChangedAt,
    };

    /// <summary>Reads option.{name}: [ { branchCode, {codesName}: [..] } ]; null when absent or naming an unknown branch.</summary>
    private static List<(int Branch, HashSet<int> Codes)>? BranchSelections(JsonElement option, string name, string codesName, IReadOnlyList<int> branches)
    {
        var list = ErpSearchRequest.Property(option, name);
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return null;
        }

        var result = new List<(int, HashSet<int>)>();
        foreach (var entry in list.EnumerateArray())
        {
            var branch = ErpSearchRequest.Property(entry, "branchCode");
            if (branch.ValueKind != JsonValueKind.Number || !branches.Contains(branch.GetInt32()))
            {
                return null;
            }

            result.Add((branch.GetInt32(), ErpSearchRequest.Ints(entry, codesName) ?? [1]));
        }

        return result;
    }

    private static HashSet<string> Expand(ErpSearchRequest s) =>
        new((s.Expand ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);

    private static object AdditionalField(ErpAdditionalField f) => new { code = f.Code, name = f.Name, value = f.Value };

    private static readonly Dictionary<string, Func<ErpCategory, IComparable>> CategoryOrder = new(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = x => x.Code,
        ["name"] = x => x.Name,
        ["maxChangeFilterDate"] = x => x.ChangedAt,
    };

    private static readonly Dictionary<string, Func<ErpReference, IComparable>> ReferenceOrder = new(StringComparer.OrdinalIgnoreCase)
    {
        ["referenceCode"] = x => x.Code,
        ["code"] = x => x.Code,
        ["maxChangeFilterDate"] = x => x.ChangedAt,
    };

    private sealed record ProductRow<TPart>(ErpProduct Product, DateTimeOffset ChangedAt, IReadOnlyList<TPart> Parts);
}
