using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Sandbox.Infrastructure;
using static IpaasMonitor.Sandbox.Vtex.VtexCatalogEndpoints;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>
/// Pricing API v2 under <c>vtex-pricing/{account}/pricing/…</c> (VTEX - Pricing API.json). Writes are limited per
/// account by a token bucket (<see cref="SandboxOptions.PricingWritesPerSecond"/>, burst <see cref="SandboxOptions.PricingBurst"/>);
/// beyond it: 429 with <c>Retry-After</c> and the request is not processed. Every answer carries
/// <c>Ratelimit-Limit</c>, <c>Ratelimit-Remaining</c> and <c>Ratelimit-Reset</c>.
/// PUT replaces the whole price: fixed prices not in the body are deleted. Price fields: basePrice alone,
/// basePrice + costPrice (markup derived) or costPrice + markup (basePrice derived); all three → 400.
/// Negative values are accepted, as VTEX does (known issue); the hub must refuse them. No price → GET 404.
/// </summary>
internal static class VtexPricingEndpoints
{
    private const string Prices = "pricing/prices/{itemId}";

    public static void Map(RouteGroupBuilder pricing)
    {
        var g = SandboxGroup.VtexPricing;
        pricing.MapSandbox(g, "GET", "prices", Prices, Get);
        pricing.MapSandbox(g, "PUT", "prices", Prices, Put);
        pricing.MapSandbox(g, "DELETE", "prices", Prices, Delete);
        pricing.MapSandbox(g, "GET", "prices/fixed", Prices + "/fixed", GetFixed);
        pricing.MapSandbox(g, "PATCH", "prices/fixed", Prices + "/fixed", PatchFixed);
        pricing.MapSandbox(g, "POST", "prices/fixed", Prices + "/fixed/{priceTableId}", PostFixed);
        pricing.MapSandbox(g, "GET", "prices/fixed", Prices + "/fixed/{priceTableId}", GetFixedOfTable);
        pricing.MapSandbox(g, "DELETE", "prices/fixed", Prices + "/fixed/{priceTableId}", DeleteFixedOfTable);
        pricing.MapSandbox(g, "GET", "prices/computed", Prices + "/computed/{priceTableId}", Computed);
    }

    private static IResult Get(SandboxState state, string account, string itemId) =>
        WithPrice(state, account, itemId, (a, id) => a.PriceStore.TryGetValue(id, out var price)
            ? VtexResults.Ok(price)
            : NotFound($"No price for item {id}."));

    private static IResult GetFixed(SandboxState state, string account, string itemId) =>
        WithPrice(state, account, itemId, (a, id) => a.PriceStore.TryGetValue(id, out var price)
            ? VtexResults.Ok(price.FixedPrices)
            : NotFound($"No price for item {id}."));

    private static IResult GetFixedOfTable(SandboxState state, string account, string itemId, string priceTableId) =>
        WithPrice(state, account, itemId, (a, id) => a.PriceStore.TryGetValue(id, out var price)
            ? VtexResults.Ok(price.FixedPrices.Where(f => f.TradePolicyId == priceTableId).ToList())
            : NotFound($"No price for item {id}."));

    private static IResult Computed(HttpContext http, SandboxState state, string account, string itemId, string priceTableId) =>
        WithPrice(state, account, itemId, (a, id) =>
        {
            if (!a.PriceStore.TryGetValue(id, out var price))
            {
                return NotFound($"No price for item {id}.");
            }

            var quantity = int.TryParse(http.Request.Query["quantity"], NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q > 0 ? q : 1;
            var fixedPrice = price.FixedPrices.Where(f => f.TradePolicyId == priceTableId && f.MinQuantity <= quantity).MaxBy(f => f.MinQuantity);
            return VtexResults.Ok(new
            {
                tradePolicyId = priceTableId,
                listPrice = fixedPrice?.ListPrice ?? price.ListPrice,
                costPrice = price.CostPrice,
                sellingPrice = fixedPrice?.Value ?? price.BasePrice,
                priceValidUntil = a.Time.GetUtcNow().AddYears(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            });
        });

    private static IResult Put(HttpContext http, SandboxState state, string account, string itemId)
    {
        if (!VtexBrandEndpoints.TryId(itemId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        if (Throttle(http, a.PricingWrites) is { } limited)
        {
            return limited;
        }

        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out bad))
        {
            return bad;
        }

        var basePrice = body.Decimal("basePrice");
        var costPrice = body.Decimal("costPrice");
        var markup = body.Decimal("markup");
        var listPrice = body.Decimal("listPrice");
        if (body.Invalid() is { } invalid)
        {
            return invalid;
        }

        if (basePrice is not null && costPrice is not null && markup is not null)
        {
            return Bad("Send exactly two of basePrice, costPrice and markup (or basePrice alone), not all three.");
        }

        if (basePrice is null && (costPrice is null || markup is null))
        {
            return Bad("basePrice is required, or costPrice together with markup.");
        }

        if (basePrice is null)
        {
            basePrice = Math.Round(costPrice!.Value * (1 + (markup!.Value / 100)), 2);
        }
        else if (costPrice is > 0)
        {
            markup = Math.Round(((basePrice.Value / costPrice.Value) - 1) * 100, 2);
        }

        if (!TryReadFixed(body.Element("fixedPrices"), requireTradePolicy: true, tradePolicy: null, out var fixedPrices, out bad))
        {
            return bad;
        }

        lock (a.Gate)
        {
            a.PriceStore[id] = new VtexPrice(id.ToString(CultureInfo.InvariantCulture), listPrice, costPrice, markup, basePrice, fixedPrices);
        }

        return Results.Ok();
    }

    private static IResult PostFixed(HttpContext http, SandboxState state, string account, string itemId, string priceTableId)
    {
        if (!VtexBrandEndpoints.TryId(itemId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        if (Throttle(http, a.PricingWrites) is { } limited)
        {
            return limited;
        }

        if (!VtexBody.TryRead(http, JsonValueKind.Array, out var body, out bad))
        {
            return bad;
        }

        if (!TryReadFixed(body.Root, requireTradePolicy: false, tradePolicy: priceTableId, out var fixedPrices, out bad))
        {
            return bad;
        }

        Merge(a, id, fixedPrices);
        return Results.Ok();
    }

    private static IResult PatchFixed(HttpContext http, SandboxState state, string account, string itemId)
    {
        if (!VtexBrandEndpoints.TryId(itemId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        if (Throttle(http, a.PricingWrites) is { } limited)
        {
            return limited;
        }

        if (!VtexBody.TryRead(http, JsonValueKind.Array, out var body, out bad))
        {
            return bad;
        }

        if (!TryReadFixed(body.Root, requireTradePolicy: true, tradePolicy: null, out var fixedPrices, out bad))
        {
            return bad;
        }

        Merge(a, id, fixedPrices);
        return Results.Ok();
    }

    private static IResult Delete(HttpContext http, SandboxState state, string account, string itemId)
    {
        if (!VtexBrandEndpoints.TryId(itemId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        if (Throttle(http, a.PricingDeletes) is { } limited)
        {
            return limited;
        }

        lock (a.Gate)
        {
            a.PriceStore.Remove(id);
        }

        return Results.Ok();
    }

    private static IResult DeleteFixedOfTable(HttpContext http, SandboxState state, string account, string itemId, string priceTableId)
    {
        if (!VtexBrandEndpoints.TryId(itemId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        if (Throttle(http, a.PricingDeletes) is { } limited)
        {
            return limited;
        }

        lock (a.Gate)
        {
            if (a.PriceStore.TryGetValue(id, out var price))
            {
                a.PriceStore[id] = price with { FixedPrices = [.. price.FixedPrices.Where(f => f.TradePolicyId != priceTableId)] };
            }
        }

        return Results.Ok();
    }

    /// <summary>Entries with the same trade policy, minQuantity and dateRange are replaced; the others are kept.</summary>
    private static void Merge(VtexAccount a, int id, IReadOnlyList<VtexFixedPrice> incoming)
    {
        lock (a.Gate)
        {
            var price = a.PriceStore.TryGetValue(id, out var p) ? p : new VtexPrice(id.ToString(CultureInfo.InvariantCulture), null, null, null, null, []);
            var kept = price.FixedPrices.Where(f => !incoming.Any(n => n.TradePolicyId == f.TradePolicyId && n.MinQuantity == f.MinQuantity && n.DateRange == f.DateRange));
            a.PriceStore[id] = price with { FixedPrices = [.. kept.Concat(incoming).OrderBy(f => f.TradePolicyId, StringComparer.Ordinal).ThenBy(f => f.MinQuantity)] };
        }
    }

    private static bool TryReadFixed(JsonElement array, bool requireTradePolicy, string? tradePolicy, out IReadOnlyList<VtexFixedPrice> result, out IResult bad)
    {
        result = [];
        bad = Results.Empty;
        if (array.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return true;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            bad = Bad("fixedPrices must be an array.");
            return false;
        }

        var list = new List<VtexFixedPrice>();
        foreach (var element in array.EnumerateArray())
        {
            var item = VtexBody.Of(element);
            var tp = requireTradePolicy ? item.String("tradePolicyId") : tradePolicy;
            var value = item.Decimal("value");
            var listPrice = item.Decimal("listPrice");
            var minQuantity = item.Int("minQuantity");
            var range = item.Element("dateRange");
            if (item.Invalid() is { } invalid)
            {
                bad = invalid;
                return false;
            }

            if (string.IsNullOrWhiteSpace(tp) || value is null || minQuantity is null)
            {
                bad = Bad(requireTradePolicy ? "Each fixed price needs tradePolicyId, value and minQuantity." : "Each fixed price needs value and minQuantity.");
                return false;
            }

            if (minQuantity < 1)
            {
                bad = Bad("minQuantity must be 1 or more.");
                return false;
            }

            VtexDateRange? dateRange = null;
            if (range.ValueKind == JsonValueKind.Object)
            {
                var r = VtexBody.Of(range);
                dateRange = new VtexDateRange(r.String("from"), r.String("to"));
            }

            list.Add(new VtexFixedPrice(tp, value.Value, listPrice, minQuantity.Value, dateRange));
        }

        result = list;
        return true;
    }

    private static IResult? Throttle(HttpContext http, TokenBucket? bucket)
    {
        if (bucket is null)
        {
            return null;
        }

        var allowed = bucket.TryTake(out var remaining, out var retryAfter);
        var headers = http.Response.Headers;
        headers["Ratelimit-Limit"] = bucket.Limit.ToString(CultureInfo.InvariantCulture);
        headers["Ratelimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["Ratelimit-Reset"] = bucket.SecondsToFull().ToString(CultureInfo.InvariantCulture);
        if (allowed)
        {
            return null;
        }

        headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return VtexResults.Error(StatusCodes.Status429TooManyRequests, "Too many requests: the account's pricing write limit was reached.");
    }

    private static IResult WithPrice(SandboxState state, string account, string itemId, Func<VtexAccount, int, IResult> read)
    {
        if (!VtexBrandEndpoints.TryId(itemId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            return read(a, id);
        }
    }
}
