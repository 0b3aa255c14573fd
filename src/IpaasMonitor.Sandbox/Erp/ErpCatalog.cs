using System.Globalization;
using System.Text;
using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Erp;

/// <summary>
/// The product catalogue of one tenant (not thread-safe: <see cref="ErpTenant"/> calls it under its lock).
/// Deliberately bad records, so the hub's per-item error handling shows in the monitor:
/// <list type="bullet">
/// <item>every <see cref="BadEanEvery"/>th product has an EAN with a wrong check digit;</item>
/// <item>reference number <see cref="BlankNameReference"/> (in creation order) has a blank name (VTEX product Name is required);</item>
/// <item>reference number <see cref="InvalidBrandReference"/> belongs to brand <see cref="ErpTenant.InvalidLongNameCode"/>, which VTEX rejects, so the product waits for its parent forever;</item>
/// <item>the third product has a negative stock (−2) in the first branch;</item>
/// <item>the fourth product has a negative price (−10.00) in the first branch.</item>
/// </list>
/// Every change tick: ~20 balances and ~5 prices change; every 7th tick a reference is renamed or gets a new
/// additional-field value (its products change too); every 15th tick a new reference arrives with its SKUs.
/// So that every update path of the catalogue runs in a normal demo (<see cref="ApplyCatalogueEdits"/>): every 5th
/// tick a category is renamed, every 3rd a reference's description changes and the tick after a product (SKU) is
/// renamed, every 5th (another phase) a reference moves to another category of its department, every 4th a colour of a
/// reference is renamed (its SKUs' specification), every 6th a reference is deactivated (or reactivated) with its SKUs.
/// </summary>
internal sealed class ErpCatalog
{
    public const int BadEanEvery = 397;
    public const int BlankNameReference = 5;
    public const int InvalidBrandReference = 11;
    public const int MainPriceCode = 1;
    public const int StockCode = 1;

    private static readonly (int Code, string Name, int? Parent, string[] Nouns)[] CategorySeed =
    [
        (1, "Feminino", null, []),
        (2, "Masculino", null, []),
        (3, "Infantil", null, []),
        (4, "Acessórios", null, []),
        (101, "Vestidos", 1, ["Vestido"]),
        (102, "Blusas", 1, ["Blusa", "Regata"]),
        (103, "Calças Femininas", 1, ["Calça", "Legging"]),
        (104, "Saias", 1, ["Saia"]),
        (201, "Camisas", 2, ["Camisa"]),
        (202, "Camisetas", 2, ["Camiseta", "Polo"]),
        (203, "Bermudas", 2, ["Bermuda"]),
        (204, "Calças Masculinas", 2, ["Calça", "Jogger"]),
        (301, "Conjuntos Infantis", 3, ["Conjunto"]),
        (302, "Camisetas Infantis", 3, ["Camiseta Infantil"]),
        (401, "Bolsas", 4, ["Bolsa"]),
        (402, "Cintos", 4, ["Cinto"]),
        (403, "Bonés", 4, ["Boné"]),
    ];

    private static readonly Dictionary<int, string[]> Grids = new()
    {
        [1] = ["PP", "P", "M", "G", "GG"],
        [2] = ["36", "38", "40", "42", "44", "46"],
        [3] = ["U"],
        [4] = ["2", "4", "6", "8", "10"],
    };

    private static readonly ErpColor[] ColorPool =
    [
        new("01", "BRANCO"), new("02", "PRETO"), new("03", "AZUL MARINHO"), new("04", "VERMELHO"),
        new("05", "VERDE MUSGO"), new("06", "BEGE"), new("07", "CINZA MESCLA"), new("08", "ROSA"),
        new("09", "AMARELO"), new("10", "JEANS CLARO"), new("11", "JEANS ESCURO"), new("12", "ESTAMPADO"),
    ];

    private static readonly string[] Adjectives = ["Básica", "Midi", "Longa", "Slim", "Oversized", "Listrada", "Lisa", "Canelada", "Estampada", "Clássica", "Soltinha", "Recorte"];
    private static readonly string[] Materials = ["Algodão", "Linho", "Viscose", "Poliéster", "Jeans", "Couro", "Malha", "Tricô"];
    private static readonly string[] Occasions = ["Casual", "Festa", "Trabalho", "Praia", "Esporte"];
    private static readonly string[] Fits = ["Slim", "Regular", "Oversized", "Reta"];

    private readonly string tenant;
    private readonly int seed;
    private readonly IReadOnlyList<int> branches;
    private readonly IReadOnlyList<int> brandCodes;
    private readonly SortedDictionary<int, ErpCategory> categories = [];
    private readonly SortedDictionary<string, ErpReference> references = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, ErpProduct> products = [];
    private readonly Dictionary<string, List<int>> productsByReference = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Product, int Branch, int Stock), ErpBalance> balances = [];
    private readonly Dictionary<(int Product, int Branch, int PriceCode), ErpPrice> prices = [];
    private readonly Dictionary<(int Table, int Product), ErpPriceTableItem> priceTables = [];
    private readonly List<int> productCodes = [];
    private int referenceSequence;
    private int productSequence = 10_000;

    public ErpCatalog(ErpTenantOptions tenant, SandboxOptions options, IReadOnlyList<int> brandCodes, DateTimeOffset epoch)
    {
        this.tenant = tenant.Name;
        seed = options.Seed;
        branches = options.ResolvedBranchCodes(tenant);
        this.brandCodes = brandCodes;
        var random = new Random(StableHash.Seed(seed, this.tenant, 2));
        DateTimeOffset Past() => Truncate(epoch - TimeSpan.FromSeconds(random.Next(120, 60 * 24 * 3600)));

        foreach (var (code, name, parent, _) in CategorySeed)
        {
            categories[code] = new ErpCategory(code, name, parent, true, Past());
        }

        for (var i = 0; i < options.ReferenceCount; i++)
        {
            AddReference(random, Past());
        }
    }

    public IReadOnlyList<int> Branches => branches;

    public IEnumerable<ErpCategory> Categories => categories.Values;

    public IEnumerable<ErpReference> References => references.Values;

    public IEnumerable<ErpProduct> Products => products.Values;

    public IEnumerable<ErpBalance> Balances => balances.Values;

    public IEnumerable<ErpPrice> Prices => prices.Values;

    public IEnumerable<ErpPriceTableItem> PriceTableItems => priceTables.Values;

    public bool TryGetReference(string code, out ErpReference reference) => references.TryGetValue(code, out reference!);

    public ErpProduct? Product(int code) => products.GetValueOrDefault(code);

    public IReadOnlyList<int> ProductCodesOf(string referenceCode) =>
        productsByReference.TryGetValue(referenceCode, out var list) ? list : [];

    public ErpBalance? Balance(int product, int branch, int stock) => balances.GetValueOrDefault((product, branch, stock));

    public ErpPrice? Price(int product, int branch, int priceCode) => prices.GetValueOrDefault((product, branch, priceCode));

    public ErpPriceTableItem? PriceTableItem(int table, int product) => priceTables.GetValueOrDefault((table, product));

    public void AddCounts(Dictionary<string, int> counts)
    {
        counts["categories"] = categories.Count;
        counts["references"] = references.Count;
        counts["products"] = products.Count;
        counts["balances"] = balances.Count;
        counts["prices"] = prices.Count;
        counts["priceTableItems"] = priceTables.Count;
    }

    public void SetBalance(int product, int branch, int stock, DateTimeOffset at)
    {
        var key = (product, branch, StockCode);
        var current = balances.TryGetValue(key, out var b) ? b : new ErpBalance(product, branch, StockCode, 0, 0, 0, 0, at);
        balances[key] = current with { Stock = stock, ChangedAt = at };
    }

    public void SetPrice(int product, int branch, decimal price, DateTimeOffset at)
    {
        var key = (product, branch, MainPriceCode);
        var current = prices.TryGetValue(key, out var p) ? p : new ErpPrice(product, branch, MainPriceCode, price, null, at);
        prices[key] = current with { Price = price, ChangedAt = at };
        if (priceTables.TryGetValue((branch, product), out var item))
        {
            priceTables[(branch, product)] = item with { Price = price, OriginalPrice = Math.Max(item.OriginalPrice, price), ChangedAt = at };
        }
        else
        {
            priceTables[(branch, product)] = new ErpPriceTableItem(branch, product, branch, price, price, at);
        }
    }

    /// <summary>
    /// Changes the main-branch price (±10 %) and stock of <paramref name="count"/> products picked at random (seeded by
    /// <paramref name="tick"/>), all stamped <paramref name="at"/>: the benchmark's steady state. Returns the codes changed.
    /// </summary>
    public IReadOnlyList<int> ChangePricesAndStock(int count, long tick, DateTimeOffset at)
    {
        var changed = new List<int>();
        if (productCodes.Count == 0 || count <= 0)
        {
            return changed;
        }

        var random = new Random(StableHash.Seed(seed, tenant, 3_000_000 + tick));
        var branch = branches[0];
        for (var i = 0; i < count; i++)
        {
            var product = productCodes[random.Next(productCodes.Count)];
            if (prices.TryGetValue((product, branch, MainPriceCode), out var price) && price.Price > 0)
            {
                SetPrice(product, branch, Math.Round(price.Price * (decimal)(0.9 + (random.NextDouble() * 0.2)), 2), at);
            }

            if (balances.TryGetValue((product, branch, StockCode), out var balance) && balance.Stock >= 0)
            {
                SetBalance(product, branch, Math.Max(0, balance.Stock + random.Next(-5, 11)), at);
            }

            changed.Add(product);
        }

        return changed;
    }

    public void ApplyChange(long tick, DateTimeOffset at)
    {
        if (products.Count == 0)
        {
            return;
        }

        var random = new Random(StableHash.Seed(seed, tenant, 2_000_000 + tick));
        var codes = productCodes;

        for (var i = 0; i < 20; i++)
        {
            var product = codes[random.Next(codes.Count)];
            var branch = branches[random.Next(branches.Count)];
            if (product == codes[Math.Min(2, codes.Count - 1)] && branch == branches[0])
            {
                continue; // keep the deliberate negative stock
            }

            var key = (product, branch, StockCode);
            if (balances.TryGetValue(key, out var balance))
            {
                balances[key] = balance with { Stock = Math.Max(0, balance.Stock + random.Next(-5, 11)), SalesOrder = random.Next(0, 3), ChangedAt = at };
            }
        }

        for (var i = 0; i < 5; i++)
        {
            var product = codes[random.Next(codes.Count)];
            var branch = branches[random.Next(branches.Count)];
            if (prices.TryGetValue((product, branch, MainPriceCode), out var price) && price.Price > 0)
            {
                SetPrice(product, branch, Math.Round(price.Price * (decimal)(0.9 + (random.NextDouble() * 0.2)), 2), at);
            }
        }

        if (tick % 7 == 0 && references.Count > 0)
        {
            var refs = references.Keys.ToList();
            var reference = references[refs[random.Next(refs.Count)]];
            if (!string.IsNullOrWhiteSpace(reference.Name))
            {
                var changed = random.Next(2) == 0
                    ? reference with { Name = reference.Name.Split(' ')[0] + " " + Pick(random, Adjectives) + " " + Pick(random, Materials), ChangedAt = at }
                    : reference with
                    {
                        AdditionalFields = [.. reference.AdditionalFields.Select(f => f.Code == 2 ? f with { Value = Pick(random, Occasions) } : f)],
                        ChangedAt = at,
                    };
                references[reference.Code] = changed;
                foreach (var code in ProductCodesOf(reference.Code))
                {
                    var p = products[code];
                    products[code] = p with { Name = ProductName(changed.Name, p.ColorName, p.SizeName), ChangedAt = at };
                }
            }
        }

        if (tick % 15 == 0)
        {
            AddReference(random, at);
        }

        ApplyCatalogueEdits(tick, random, at);
    }

    /// <summary>The occasional edits of categories, references and products (see the class summary).</summary>
    private void ApplyCatalogueEdits(long tick, Random random, DateTimeOffset at)
    {
        var named = references.Values.Where(r => !string.IsNullOrWhiteSpace(r.Name) && r.BrandCode != ErpTenant.InvalidLongNameCode).ToList();
        if (named.Count == 0)
        {
            return;
        }

        if (tick % 5 == 1)
        {
            // A leaf category renamed, or back to its seed name.
            var leaves = CategorySeed.Where(c => c.Parent is not null).ToList();
            var seed = leaves[random.Next(leaves.Count)];
            var category = categories[seed.Code];
            categories[seed.Code] = category with { Name = category.Name == seed.Name ? seed.Name + " Coleção" : seed.Name, ChangedAt = at };
        }

        if (tick % 3 == 1)
        {
            var reference = Pick(random, named);
            references[reference.Code] = reference with
            {
                Description = $"{reference.Name.Trim()} em {Pick(random, Materials).ToLowerInvariant()}, modelagem {Pick(random, Fits).ToLowerInvariant()}, {Pick(random, Occasions).ToLowerInvariant()}.",
                ChangedAt = at,
            };
        }

        if (tick % 3 == 2)
        {
            // One product (SKU) renamed: its name gets (or loses) an edition mark.
            var codes = ProductCodesOf(Pick(random, named).Code);
            if (codes.Count > 0)
            {
                var code = codes[random.Next(codes.Count)];
                var product = products[code];
                const string Mark = " Edição Limitada";
                var name = product.Name.EndsWith(Mark, StringComparison.Ordinal) ? product.Name[..^Mark.Length] : product.Name + Mark;
                products[code] = product with { Name = name, ChangedAt = at };
            }
        }

        if (tick % 5 == 2)
        {
            // A reference moves to another category of the same department (same size grid and specifications).
            var reference = Pick(random, named);
            var department = categories.GetValueOrDefault(reference.CategoryCode)?.ParentCode;
            var siblings = CategorySeed.Where(c => c.Parent == department && c.Code != reference.CategoryCode).Select(c => c.Code).ToList();
            if (siblings.Count > 0)
            {
                references[reference.Code] = reference with { CategoryCode = siblings[random.Next(siblings.Count)], ChangedAt = at };
            }
        }

        if (tick % 4 == 3)
        {
            // A colour of a reference renamed: its SKUs' colour specification (and names) change.
            var reference = Pick(random, named);
            var color = Pick(random, reference.Colors);
            var renamed = color.Name.EndsWith(" II", StringComparison.Ordinal) ? color.Name[..^3] : color.Name + " II";
            references[reference.Code] = reference with
            {
                Colors = [.. reference.Colors.Select(c => c.Code == color.Code ? c with { Name = renamed } : c)],
                ChangedAt = at,
            };
            foreach (var code in ProductCodesOf(reference.Code).Where(c => products[c].ColorCode == color.Code))
            {
                var product = products[code];
                products[code] = product with { ColorName = renamed, Name = ProductName(reference.Name, renamed, product.SizeName), ChangedAt = at };
            }
        }

        if (tick % 6 == 5)
        {
            // A reference deactivated with its SKUs, or an inactive one back on sale.
            var reference = Pick(random, named);
            var active = !reference.IsActive;
            references[reference.Code] = reference with { IsActive = active, ChangedAt = at };
            foreach (var code in ProductCodesOf(reference.Code))
            {
                products[code] = products[code] with { IsActive = active, ChangedAt = at };
            }
        }
    }

    private void AddReference(Random random, DateTimeOffset at)
    {
        var number = ++referenceSequence;
        var category = CategorySeed.Where(c => c.Parent is not null).ElementAt(random.Next(CategorySeed.Length - 4));
        var noun = Pick(random, category.Nouns);
        var code = $"{Prefix(noun)}{number.ToString("0000", CultureInfo.InvariantCulture)}";
        var name = number == BlankNameReference ? "  " : $"{noun} {Pick(random, Adjectives)} {Pick(random, Materials)}";
        var grid = category.Parent switch
        {
            3 => 4,
            4 => 3,
            _ => noun is "Calça" or "Bermuda" or "Saia" or "Jogger" ? 2 : 1,
        };
        var colors = ColorPool.OrderBy(_ => random.Next()).Take(1 + random.Next(4)).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var sizes = Grids[grid];
        var validBrands = brandCodes.Where(b => b is not ErpTenant.InvalidLongNameCode and not ErpTenant.InvalidBlankNameCode).ToList();
        var brand = number == InvalidBrandReference && brandCodes.Contains(ErpTenant.InvalidLongNameCode)
            ? ErpTenant.InvalidLongNameCode
            : validBrands.Count > 0 ? validBrands[random.Next(validBrands.Count)] : 0;
        var material = Pick(random, Materials);
        var similar = references.Values.Where(r => r.CategoryCode == category.Code).Select(r => r.Code).OrderBy(_ => random.Next()).Take(random.Next(3)).Order(StringComparer.Ordinal).ToList();
        var reference = new ErpReference(
            code,
            name,
            $"{name.Trim()} em {material.ToLowerInvariant()}, modelagem {Pick(random, Fits).ToLowerInvariant()}.",
            brand,
            category.Code,
            grid,
            random.Next(20) != 0,
            colors,
            sizes,
            [
                new ErpAdditionalField(1, "Material", material),
                new ErpAdditionalField(2, "Ocasião", Pick(random, Occasions)),
                new ErpAdditionalField(3, "Modelagem", Pick(random, Fits)),
                new ErpAdditionalField(4, "Composição", $"{random.Next(50, 101).ToString(CultureInfo.InvariantCulture)}% {material}"),
            ],
            similar,
            at);
        references[code] = reference;

        var basePrice = 39.90m + (random.Next(0, 50) * 10);
        var list = new List<int>();
        foreach (var color in colors)
        {
            foreach (var size in sizes)
            {
                var productCode = ++productSequence;
                var ordinal = productCode - 10_000;
                var ean = Ean.Make((StableHash.Seed(seed, tenant, 3) % 1000 * 1_000_000L) + productCode, valid: ordinal % BadEanEvery != 0);
                products[productCode] = new ErpProduct(productCode, ProductName(name, color.Name, size), ean, code, color.Code, color.Name, size, grid, reference.IsActive, at);
                list.Add(productCode);
                productCodes.Add(productCode);
                foreach (var branch in branches)
                {
                    var stock = ordinal == 3 && branch == branches[0] ? -2 : random.Next(0, 40);
                    balances[(productCode, branch, StockCode)] = new ErpBalance(productCode, branch, StockCode, stock, random.Next(0, 3), 0, random.Next(0, 2), at);
                    var price = ordinal == 4 && branch == branches[0] ? -10.00m : basePrice + (branch == branches[0] ? 0 : 10);
                    decimal? promo = random.Next(8) == 0 ? Math.Round(price * 0.85m, 2) : null;
                    prices[(productCode, branch, MainPriceCode)] = new ErpPrice(productCode, branch, MainPriceCode, price, promo, at);
                    priceTables[(branch, productCode)] = new ErpPriceTableItem(branch, productCode, branch, price + 20, price, at);
                }
            }
        }

        productsByReference[code] = list;
    }

    private static string ProductName(string referenceName, string color, string size) =>
        string.IsNullOrWhiteSpace(referenceName) ? referenceName : $"{referenceName} {CultureInfo.GetCultureInfo("pt-BR").TextInfo.ToTitleCase(color.ToLowerInvariant())} {size}";

    private static string Prefix(string noun)
    {
        var ascii = new StringBuilder();
        foreach (var c in noun.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c))
            {
                ascii.Append(char.ToUpperInvariant(c));
            }

            if (ascii.Length == 3)
            {
                break;
            }
        }

        return ascii.ToString();
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static DateTimeOffset Truncate(DateTimeOffset value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);
}
