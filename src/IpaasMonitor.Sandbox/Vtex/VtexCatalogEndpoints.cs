using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>
/// Catalog category and product routes (VTEX - Catalog API.json). Choices where VTEX publishes nothing:
/// unknown id → 404; a custom Id or a RefId that exists → 409; a missing parent (brand, category) → 400;
/// <c>productgetbyrefid</c> for an unknown RefId → 200 with an empty body (vtex-api.md §2.3 known issue).
/// </summary>
internal static class VtexCatalogEndpoints
{
    public static void Map(RouteGroupBuilder vtex)
    {
        var g = SandboxGroup.VtexCatalog;
        vtex.MapSandbox(g, "POST", "category", "api/catalog/pvt/category", CreateCategory);
        vtex.MapSandbox(g, "GET", "category", "api/catalog/pvt/category/{categoryId}", GetCategory);
        vtex.MapSandbox(g, "PUT", "category", "api/catalog/pvt/category/{categoryId}", UpdateCategory);
        vtex.MapSandbox(g, "GET", "category/tree", "api/catalog_system/pub/category/tree/{categoryLevels}", CategoryTree);

        vtex.MapSandbox(g, "POST", "product", "api/catalog/pvt/product", CreateProduct);
        vtex.MapSandbox(g, "GET", "product", "api/catalog/pvt/product/{productId}", GetProduct);
        vtex.MapSandbox(g, "PUT", "product", "api/catalog/pvt/product/{productId}", UpdateProduct);
        vtex.MapSandbox(g, "GET", "productgetbyrefid", "api/catalog_system/pvt/products/productgetbyrefid/{refId}", GetProductByRefId);

        vtex.MapSandbox(g, "GET", "saleschannel/list", "api/catalog_system/pvt/saleschannel/list", SalesChannels);
        vtex.MapSandbox(g, "GET", "product/salespolicy", "api/catalog/pvt/product/{productId}/salespolicy", ProductPolicies);
        vtex.MapSandbox(g, "POST", "product/salespolicy", "api/catalog/pvt/product/{productId}/salespolicy/{tradepolicyId}", LinkPolicy);
        vtex.MapSandbox(g, "DELETE", "product/salespolicy", "api/catalog/pvt/product/{productId}/salespolicy/{tradepolicyId}", UnlinkPolicy);
    }

    private static IResult SalesChannels(SandboxState state, string account) =>
        VtexResults.Ok((state.Vtex.Account(account).Options.TradePolicyIds ?? [1]).Select(id => new
        {
            Id = id,
            Name = id == 1 ? "Loja principal" : $"Filial {id.ToString(CultureInfo.InvariantCulture)}",
            IsActive = true,
            ProductClusterId = (int?)null,
            CountryCode = "BRA",
            CultureInfo = "pt-BR",
            TimeZone = "E. South America Standard Time",
            CurrencyCode = "BRL",
            CurrencySymbol = "R$",
            CurrencyLocale = 1046,
            Origin = (string?)null,
            Position = id,
            ConditionRule = (string?)null,
            CurrencyDecimalDigits = 2,
        }).ToList());

    private static IResult ProductPolicies(SandboxState state, string account, string productId)
    {
        if (!VtexBrandEndpoints.TryId(productId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            if (!a.Catalog.Products.ContainsKey(id))
            {
                return NotFound($"Product {id} not found.");
            }

            var policies = a.Catalog.ProductTradePolicies.TryGetValue(id, out var set) ? set.ToList() : [];
            return VtexResults.Ok(policies.Select(p => new { ProductId = id, StoreId = p }).ToList());
        }
    }

    private static IResult LinkPolicy(SandboxState state, string account, string productId, string tradepolicyId) =>
        ChangePolicy(state, account, productId, tradepolicyId, link: true);

    private static IResult UnlinkPolicy(SandboxState state, string account, string productId, string tradepolicyId) =>
        ChangePolicy(state, account, productId, tradepolicyId, link: false);

    private static IResult ChangePolicy(SandboxState state, string account, string productId, string tradepolicyId, bool link)
    {
        if (!VtexBrandEndpoints.TryId(productId, out var id, out var bad) || !VtexBrandEndpoints.TryId(tradepolicyId, out var policy, out bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            if (!a.Catalog.Products.ContainsKey(id))
            {
                return NotFound($"Product {id} not found.");
            }

            if (!(a.Options.TradePolicyIds ?? [1]).Contains(policy))
            {
                return Bad($"Trade policy {policy} not found.");
            }

            var set = a.Catalog.ProductTradePolicies.TryGetValue(id, out var s) ? s : a.Catalog.ProductTradePolicies[id] = [];
            if (link)
            {
                set.Add(policy);
            }
            else
            {
                set.Remove(policy);
            }

            return Results.Ok();
        }
    }

    internal static IResult Bad(string message) => VtexResults.Error(StatusCodes.Status400BadRequest, message);

    internal static IResult NotFound(string message) => VtexResults.Error(StatusCodes.Status404NotFound, message);

    internal static IResult Conflict(string message) => VtexResults.Error(StatusCodes.Status409Conflict, message);

    private static IResult CreateCategory(HttpContext http, SandboxState state, string account)
    {
        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            var id = body.Int("Id");
            var category = ReadCategory(body, id ?? 0);
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (ValidateCategory(store, category) is { } rejected)
            {
                return rejected;
            }

            if (id is < 0)
            {
                return Bad("Id must be positive.");
            }

            if (id > 0 && store.Categories.ContainsKey(id.Value))
            {
                return Conflict($"A category with Id {id} already exists.");
            }

            category = category with
            {
                Id = id > 0 ? id.Value : store.NextId("category", store.Categories.Keys, 1),
                LinkId = VtexSlug.From(category.Name),
            };
            if (id > 0)
            {
                store.ReserveId("category", id.Value, 1);
            }

            store.Categories[category.Id] = category;
            return VtexResults.Ok(Decorate(store, category));
        }
    }

    private static IResult GetCategory(SandboxState state, string account, string categoryId)
    {
        if (!VtexBrandEndpoints.TryId(categoryId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return a.Catalog.Categories.TryGetValue(id, out var category)
                ? VtexResults.Ok(Decorate(a.Catalog, category))
                : NotFound($"Category {id} not found.");
        }
    }

    private static IResult UpdateCategory(HttpContext http, SandboxState state, string account, string categoryId)
    {
        if (!VtexBrandEndpoints.TryId(categoryId, out var id, out var bad))
        {
            return bad;
        }

        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            if (!store.Categories.TryGetValue(id, out var current))
            {
                return NotFound($"Category {id} not found.");
            }

            var category = ReadCategory(body, id);
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (ValidateCategory(store, category) is { } rejected)
            {
                return rejected;
            }

            if (category.FatherCategoryId == id || (category.FatherCategoryId is int father && Ancestors(store, father).Contains(id)))
            {
                return Bad("A category cannot be its own ancestor.");
            }

            // Full replace; LinkId follows the name.
            category = category with { LinkId = current.LinkId };
            store.Categories[id] = category;
            return VtexResults.Ok(Decorate(store, category));
        }
    }

    private static IResult CategoryTree(SandboxState state, string account, string categoryLevels)
    {
        if (!int.TryParse(categoryLevels, NumberStyles.None, CultureInfo.InvariantCulture, out var levels) || levels < 1)
        {
            return Bad("categoryLevels must be a positive integer.");
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            object Node(VtexCategory c, int depth)
            {
                var children = store.Categories.Values.Where(x => x.FatherCategoryId == c.Id).ToList();
                return new
                {
                    id = c.Id,
                    name = c.Name,
                    hasChildren = children.Count > 0,
                    url = "/" + string.Join('/', Decorate(store, c).TreePathLinkIds),
                    children = depth < levels ? children.Select(x => Node(x, depth + 1)).ToList() : [],
                    Title = c.Title,
                    MetaTagDescription = c.Description,
                };
            }

            return VtexResults.Ok(store.Categories.Values.Where(c => c.FatherCategoryId is null).Select(c => Node(c, 1)).ToList());
        }
    }

    private static VtexCategory ReadCategory(VtexBody b, int id) => new()
    {
        Id = id,
        Name = b.String("Name") ?? "",
        FatherCategoryId = b.Int("FatherCategoryId"),
        Title = b.String("Title"),
        Description = b.String("Description"),
        Keywords = b.String("Keywords"),
        IsActive = b.Bool("IsActive") ?? false,
        LomadeeCampaignCode = b.String("LomadeeCampaignCode"),
        AdWordsRemarketingCode = b.String("AdWordsRemarketingCode"),
        ShowInStoreFront = b.Bool("ShowInStoreFront") ?? false,
        ShowBrandFilter = b.Bool("ShowBrandFilter") ?? false,
        ActiveStoreFrontLink = b.Bool("ActiveStoreFrontLink") ?? false,
        GlobalCategoryId = b.Int("GlobalCategoryId"),
        StockKeepingUnitSelectionMode = b.String("StockKeepingUnitSelectionMode"),
        Score = b.Int("Score"),
    };

    private static IResult? ValidateCategory(VtexCatalogStore store, VtexCategory c)
    {
        if (string.IsNullOrWhiteSpace(c.Name))
        {
            return Bad("Category Name is required.");
        }

        if (c.FatherCategoryId is int father && !store.Categories.ContainsKey(father))
        {
            return Bad($"FatherCategoryId {father} not found.");
        }

        return null;
    }

    internal static List<int> Ancestors(VtexCatalogStore store, int categoryId)
    {
        var chain = new List<int>();
        int? current = categoryId;
        while (current is int id && store.Categories.TryGetValue(id, out var c) && !chain.Contains(id))
        {
            chain.Insert(0, id);
            current = c.FatherCategoryId;
        }

        return chain;
    }

    private static VtexCategory Decorate(VtexCatalogStore store, VtexCategory c)
    {
        var chain = Ancestors(store, c.Id).Select(id => store.Categories[id]).ToList();
        return c with
        {
            HasChildren = store.Categories.Values.Any(x => x.FatherCategoryId == c.Id),
            TreePath = [.. chain.Select(x => x.Name)],
            TreePathIds = [.. chain.Select(x => x.Id)],
            TreePathLinkIds = [.. chain.Select(x => x.LinkId ?? VtexSlug.From(x.Name))],
        };
    }

    private static IResult CreateProduct(HttpContext http, SandboxState state, string account)
    {
        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            var id = body.Int("Id");
            var product = ReadProduct(body, id ?? 0);
            var brandName = body.String("BrandName");
            var categoryPath = body.String("CategoryPath");
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (string.IsNullOrWhiteSpace(product.Name))
            {
                return Bad("Product Name is required.");
            }

            if (id is < 0)
            {
                return Bad("Id must be positive.");
            }

            if (id > 0 && store.Products.ContainsKey(id.Value))
            {
                return Conflict($"A product with Id {id} already exists.");
            }

            if (!body.Has("BrandId") && !string.IsNullOrWhiteSpace(brandName))
            {
                product = product with { BrandId = a.FindOrCreateBrand(brandName) };
            }

            if (!body.Has("CategoryId") && !string.IsNullOrWhiteSpace(categoryPath))
            {
                product = product with { CategoryId = FindOrCreateCategoryPath(store, categoryPath) };
            }

            if (ValidateProduct(a, product, id ?? 0) is { } rejected)
            {
                return rejected;
            }

            product = product with
            {
                Id = id > 0 ? id.Value : store.NextId("product", store.Products.Keys, 1),
                DepartmentId = Ancestors(store, product.CategoryId)[0],
                LinkId = string.IsNullOrWhiteSpace(product.LinkId) ? VtexSlug.From(product.Name) : product.LinkId,
            };
            if (string.IsNullOrWhiteSpace(product.RefId))
            {
                var clashes = store.Products.Values
                    .Where(p => p.BrandId == product.BrandId && p.CategoryId == product.CategoryId && SameName(p.Name, product.Name))
                    .Select(p => (long)p.Id).ToList();
                if (clashes.Count > 0)
                {
                    a.RecordDuplicate("product", product.Name.Trim(), clashes.Append(product.Id));
                }
            }

            if (id > 0)
            {
                store.ReserveId("product", id.Value, 1);
            }

            store.PutProduct(product);
            return VtexResults.Ok(product);
        }
    }

    private static IResult GetProduct(SandboxState state, string account, string productId)
    {
        if (!VtexBrandEndpoints.TryId(productId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return a.Catalog.Products.TryGetValue(id, out var product) ? VtexResults.Ok(product) : NotFound($"Product {id} not found.");
        }
    }

    private static IResult UpdateProduct(HttpContext http, SandboxState state, string account, string productId)
    {
        if (!VtexBrandEndpoints.TryId(productId, out var id, out var bad))
        {
            return bad;
        }

        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var store = a.Catalog;
            if (!store.Products.ContainsKey(id))
            {
                return NotFound($"Product {id} not found.");
            }

            var product = ReadProduct(body, id);
            if (body.Invalid() is { } invalid)
            {
                return invalid;
            }

            if (string.IsNullOrWhiteSpace(product.Name) || !body.Has("CategoryId") || !body.Has("BrandId"))
            {
                return Bad("Name, CategoryId and BrandId are required.");
            }

            if (ValidateProduct(a, product, id) is { } rejected)
            {
                return rejected;
            }

            // Full replace: omitted fields cleared, booleans false.
            product = product with { DepartmentId = Ancestors(store, product.CategoryId)[0] };
            store.PutProduct(product);
            return VtexResults.Ok(product);
        }
    }

    private static IResult GetProductByRefId(SandboxState state, string account, string refId)
    {
        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            var product = a.Catalog.ProductByRefId(refId);

            // Known VTEX behaviour: a RefId that does not exist answers 200, not 404.
            return product is null ? Results.Ok() : VtexResults.Ok(product);
        }
    }

    private static VtexProduct ReadProduct(VtexBody b, int id) => new()
    {
        Id = id,
        Name = b.String("Name") ?? "",
        CategoryId = b.Int("CategoryId") ?? 0,
        BrandId = b.Int("BrandId") ?? 0,
        LinkId = b.String("LinkId"),
        RefId = b.String("RefId"),
        IsVisible = b.Bool("IsVisible") ?? false,
        Description = b.String("Description"),
        DescriptionShort = b.String("DescriptionShort"),
        ReleaseDate = b.String("ReleaseDate"),
        KeyWords = b.String("KeyWords"),
        Title = b.String("Title"),
        IsActive = b.Bool("IsActive") ?? false,
        TaxCode = b.String("TaxCode"),
        MetaTagDescription = b.String("MetaTagDescription"),
        SupplierId = b.Int("SupplierId"),
        ShowWithoutStock = b.Bool("ShowWithoutStock") ?? false,
        AdWordsRemarketingCode = b.String("AdWordsRemarketingCode"),
        LomadeeCampaignCode = b.String("LomadeeCampaignCode"),
        Score = b.Int("Score"),
    };

    private static IResult? ValidateProduct(VtexAccount a, VtexProduct p, int selfId)
    {
        var store = a.Catalog;
        if (p.Name.Length > 150)
        {
            return Bad("Product Name must have at most 150 characters.");
        }

        if (p.BrandId <= 0)
        {
            return Bad("BrandId (or BrandName) is required.");
        }

        if (!a.TryGetBrandUnlocked(p.BrandId))
        {
            return Bad($"Brand {p.BrandId} not found.");
        }

        if (p.CategoryId <= 0)
        {
            return Bad("CategoryId (or CategoryPath) is required.");
        }

        if (!store.Categories.ContainsKey(p.CategoryId))
        {
            return Bad($"Category {p.CategoryId} not found.");
        }

        if (p.RefId is { Length: > 100 })
        {
            return Bad("RefId must have at most 100 characters.");
        }

        if (!string.IsNullOrWhiteSpace(p.RefId) && store.ProductByRefId(p.RefId) is { } other && other.Id != selfId)
        {
            return Conflict($"A product with RefId '{p.RefId}' already exists.");
        }

        return null;
    }

    private static int FindOrCreateCategoryPath(VtexCatalogStore store, string path)
    {
        int? father = null;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var existing = store.Categories.Values.FirstOrDefault(c => c.FatherCategoryId == father && SameName(c.Name, name));
            if (existing is null)
            {
                existing = new VtexCategory
                {
                    Id = store.NextId("category", store.Categories.Keys, 1),
                    Name = name,
                    FatherCategoryId = father,
                    Title = name,
                    IsActive = true,
                    ShowInStoreFront = true,
                    ActiveStoreFrontLink = true,
                    LinkId = VtexSlug.From(name),
                };
                store.Categories[existing.Id] = existing;
            }

            father = existing.Id;
        }

        return father ?? 0;
    }

    internal static bool SameName(string a, string b) =>
        string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
