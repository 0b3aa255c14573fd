using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>
/// Catalog brand routes (VTEX - Catalog API.json, tag Brand). Choices where VTEX publishes nothing:
/// unknown id → 404 (vtex-api.md §2.10); POST with an Id that exists → 409; POST without Id → VTEX
/// assigns one (≥ 2000000); name longer than <see cref="VtexAccount.MaxBrandNameLength"/> → 400;
/// PUT keeps the stored LinkId while echoing the sent one (known issue, vtex-api.md §2.1).
/// </summary>
internal static class VtexBrandEndpoints
{
    public static void Map(RouteGroupBuilder vtex)
    {
        var g = SandboxGroup.VtexCatalog;
        vtex.MapSandbox(g, "GET", "brand", "api/catalog/pvt/brand/{brandId}", Get);
        vtex.MapSandbox(g, "POST", "brand", "api/catalog/pvt/brand", Create);
        vtex.MapSandbox(g, "PUT", "brand", "api/catalog/pvt/brand/{brandId}", Update);
        vtex.MapSandbox(g, "GET", "brand/list", "api/catalog_system/pvt/brand/list", List);
        vtex.MapSandbox(g, "GET", "brand/pagedlist", "api/catalog_system/pvt/brand/pagedlist", PagedList);
        vtex.MapSandbox(g, "GET", "brand/legacy", "api/catalog_system/pvt/brand/{brandId}", GetLegacy);
    }

    private static IResult Get(SandboxState state, string account, string brandId)
    {
        if (!TryId(brandId, out var id, out var bad))
        {
            return bad;
        }

        return state.Vtex.Account(account).TryGetBrand(id, out var brand)
            ? VtexResults.Ok(brand)
            : VtexResults.Error(StatusCodes.Status404NotFound, $"Brand {id} not found.");
    }

    private static IResult GetLegacy(SandboxState state, string account, string brandId)
    {
        if (!TryId(brandId, out var id, out var bad))
        {
            return bad;
        }

        return state.Vtex.Account(account).TryGetBrand(id, out var brand)
            ? VtexResults.Ok(VtexBrandListItem.From(brand))
            : VtexResults.Error(StatusCodes.Status404NotFound, $"Brand {id} not found.");
    }

    private static IResult List(SandboxState state, string account) =>
        VtexResults.Ok(state.Vtex.Account(account).Brands.Take(20_000).Select(VtexBrandListItem.From).ToList());

    private static IResult PagedList(SandboxState state, string account, int? page, int? pageSize)
    {
        if (page is null or < 1 || pageSize is null or < 1)
        {
            return VtexResults.Error(StatusCodes.Status400BadRequest, "page and pageSize are required and must be positive.");
        }

        var brands = state.Vtex.Account(account).Brands;
        var items = brands.Skip((int)Math.Min(int.MaxValue, (long)(page.Value - 1) * pageSize.Value)).Take(pageSize.Value).Select(VtexBrandListItem.From).ToList();
        var pages = (int)Math.Ceiling(brands.Count / (double)pageSize.Value);
        return VtexResults.Ok(new
        {
            items,
            paging = new { page = page.Value, perPage = pageSize.Value, total = brands.Count, pages },
        });
    }

    private static IResult Create(HttpContext http, SandboxState state, string account)
    {
        if (!TryRead<VtexBrandInput>(http, out var input, out var bad))
        {
            return bad;
        }

        if (input.Id is < 0)
        {
            return VtexResults.Error(StatusCodes.Status400BadRequest, "Id must be a positive integer.");
        }

        if (Validate(input) is { } invalid)
        {
            return invalid;
        }

        var brand = ToBrand(input, input.Id ?? 0);
        if (string.IsNullOrWhiteSpace(brand.LinkId))
        {
            brand = brand with { LinkId = VtexSlug.From(brand.Name) };
        }

        var stored = state.Vtex.Account(account).InsertBrand(brand, out var idTaken);
        return idTaken
            ? VtexResults.Error(StatusCodes.Status409Conflict, $"A brand with Id {stored.Id} already exists.")
            : VtexResults.Ok(stored);
    }

    private static IResult Update(HttpContext http, SandboxState state, string account, string brandId)
    {
        if (!TryId(brandId, out var id, out var bad))
        {
            return bad;
        }

        if (!TryRead<VtexBrandInput>(http, out var input, out bad))
        {
            return bad;
        }

        if (input.Id is not null && input.Id != id)
        {
            return VtexResults.Error(StatusCodes.Status400BadRequest, $"Id {input.Id} in the body differs from brandId {id} in the route.");
        }

        if (Validate(input) is { } invalid)
        {
            return invalid;
        }

        var vtex = state.Vtex.Account(account);
        if (!vtex.TryGetBrand(id, out var current))
        {
            return VtexResults.Error(StatusCodes.Status404NotFound, $"Brand {id} not found.");
        }

        // Full replace: omitted fields cleared, booleans false. LinkId is not changed (known issue).
        var sent = ToBrand(input, id);
        if (!vtex.ReplaceBrand(sent with { LinkId = current.LinkId }))
        {
            return VtexResults.Error(StatusCodes.Status404NotFound, $"Brand {id} not found.");
        }

        return VtexResults.Ok(sent);
    }

    private static VtexBrand ToBrand(VtexBrandInput input, int id) => new()
    {
        Id = id,
        Name = input.Name!,
        Text = input.Text,
        Keywords = input.Keywords,
        SiteTitle = input.SiteTitle,
        Active = input.Active ?? false,
        MenuHome = input.MenuHome ?? false,
        AdWordsRemarketingCode = input.AdWordsRemarketingCode,
        LomadeeCampaignCode = input.LomadeeCampaignCode,
        Score = input.Score,
        LinkId = input.LinkId,
    };

    private static IResult? Validate(VtexBrandInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            return VtexResults.Error(StatusCodes.Status400BadRequest, "Brand Name is required.");
        }

        if (input.Name.Length > VtexAccount.MaxBrandNameLength)
        {
            return VtexResults.Error(
                StatusCodes.Status400BadRequest,
                $"Brand Name must have at most {VtexAccount.MaxBrandNameLength.ToString(CultureInfo.InvariantCulture)} characters.");
        }

        return null;
    }

    internal static bool TryId(string text, out int id, out IResult bad)
    {
        bad = Results.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0)
        {
            return true;
        }

        bad = VtexResults.Error(StatusCodes.Status400BadRequest, $"'{text}' is not a valid id.");
        return false;
    }

    internal static bool TryRead<T>(HttpContext http, out T value, out IResult bad)
        where T : class
    {
        value = null!;
        bad = Results.Empty;
        var body = SandboxRequestFilter.Body(http);
        if (string.IsNullOrWhiteSpace(body))
        {
            bad = VtexResults.Error(StatusCodes.Status400BadRequest, "The request body is required.");
            return false;
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<T>(body, SandboxJson.Vtex);
            if (parsed is null)
            {
                bad = VtexResults.Error(StatusCodes.Status400BadRequest, "The request body must be a JSON object.");
                return false;
            }

            value = parsed;
            return true;
        }
        catch (JsonException ex)
        {
            bad = VtexResults.Error(StatusCodes.Status400BadRequest, $"Malformed JSON: {ex.Message}");
            return false;
        }
    }
}
