using System.Security.Cryptography;
using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Erp;

/// <summary>
/// One fake TOTVS Moda tenant: credentials, tokens and data. Data changes are computed lazily from
/// the clock: change tick k (every <see cref="SandboxOptions.ChangeInterval"/> after start) is applied
/// on the first read at or after its time, with a Random seeded from (seed, tenant, k), so the data
/// seen at a given instant does not depend on when or how often it is read.
/// </summary>
public sealed partial class ErpTenant
{
    /// <summary>Name over the VTEX limit (150): VTEX answers 400.</summary>
    public const int InvalidLongNameCode = 7;

    /// <summary>Name made only of spaces: VTEX answers 400 (Name is required).</summary>
    public const int InvalidBlankNameCode = 13;

    /// <summary>Name with a trailing space: VTEX accepts it but treats it as another name; a hub must trim it.</summary>
    public const int TrailingSpaceNameCode = 21;

    private readonly Lock gate = new();
    private readonly SandboxOptions options;
    private readonly TimeProvider time;
    private readonly DateTimeOffset epoch;
    private readonly Dictionary<string, TokenEntry> tokens = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, ErpBrand> brands = [];
    private readonly ErpCatalog catalog;
    private long appliedTick;
    private long forcedTick = 1L << 20;

    internal ErpTenant(ErpTenantOptions tenant, SandboxOptions options)
    {
        Options = tenant;
        this.options = options;
        time = options.TimeProvider;
        epoch = time.GetUtcNow();
        SeedBrands();
        catalog = new ErpCatalog(tenant, options, [.. brands.Keys], epoch);
    }

    public string Name => Options.Name;

    public ErpTenantOptions Options { get; }

    /// <summary>Brands ordered by code, as of now.</summary>
    public IReadOnlyList<ErpBrand> Brands
    {
        get
        {
            lock (gate)
            {
                CatchUp();
                return [.. brands.Values];
            }
        }
    }

    /// <summary>Access tokens currently valid.</summary>
    public int ActiveTokens
    {
        get
        {
            var now = time.GetUtcNow();
            lock (gate)
            {
                return tokens.Values.Count(t => !t.IsRefresh && t.ExpiresAt > now);
            }
        }
    }

    /// <summary>Invalidates every access and refresh token of this tenant (the server dropping tokens early).</summary>
    public void RevokeTokens()
    {
        lock (gate)
        {
            tokens.Clear();
        }
    }

    /// <summary>Adds or replaces a brand (tests and seeding). Its change date defaults to now.</summary>
    public ErpBrand UpsertBrand(int code, string name, bool isActive = true, DateTimeOffset? changedAt = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (gate)
        {
            CatchUp();
            var brand = new ErpBrand(code, name, isActive, changedAt ?? time.GetUtcNow());
            brands[code] = brand;
            return brand;
        }
    }

    internal IReadOnlyDictionary<string, int> EntityCounts()
    {
        lock (gate)
        {
            CatchUp();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["brands"] = brands.Count };
            AddEntityCounts(counts);
            return counts;
        }
    }

    private void AddEntityCounts(Dictionary<string, int> counts) => catalog.AddCounts(counts);

    internal TokenGrant IssueTokens()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            foreach (var expired in tokens.Where(t => t.Value.ExpiresAt <= now).Select(t => t.Key).ToList())
            {
                tokens.Remove(expired);
            }

            var access = NewToken("at");
            var refresh = NewToken("rt");
            tokens[access] = new TokenEntry(now + options.TokenLifetime, false);
            tokens[refresh] = new TokenEntry(now + options.RefreshTokenLifetime, true);
            return new TokenGrant(access, refresh, (int)options.TokenLifetime.TotalSeconds);
        }
    }

    internal bool RedeemRefreshToken(string refreshToken)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!tokens.TryGetValue(refreshToken, out var entry) || !entry.IsRefresh || entry.ExpiresAt <= now)
            {
                return false;
            }

            tokens.Remove(refreshToken);
            return true;
        }
    }

    /// <summary>Null when the request carries a valid bearer token; otherwise the 401 to send.</summary>
    internal IResult? Authorize(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return ErpResults.Unauthorized("missing bearer token");
        }

        var token = header["Bearer ".Length..].Trim();
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!tokens.TryGetValue(token, out var entry) || entry.IsRefresh)
            {
                return ErpResults.Unauthorized("unknown or revoked token");
            }

            if (entry.ExpiresAt <= now)
            {
                return ErpResults.Unauthorized("token expired");
            }
        }

        return null;
    }

    internal IResult Error(int status, ErpProblem problem) => ErpResults.Error(Options.ErrorShape, status, problem);

    private static string NewToken(string kind) =>
        $"sbx.{kind}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}";

    private void SeedBrands()
    {
        var random = new Random(StableHash.Seed(options.Seed, Name, 1));
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var code = 1; code <= options.BrandCount; code++)
        {
            var name = UniqueName(random, used);
            name = code switch
            {
                // Deliberately invalid for VTEX (see the constants above).
                InvalidLongNameCode => (name + " Coleção Primavera Verão Alto Inverno Edição Limitada Especial de Aniversário da Marca "
                    + "com Tecidos Importados e Acabamento Artesanal Feito à Mão no Brasil").Trim(),
                InvalidBlankNameCode => "   ",
                TrailingSpaceNameCode => name + " ",
                _ => name,
            };
            var changedAt = epoch - TimeSpan.FromSeconds(random.Next(60, 90 * 24 * 3600));
            brands[code] = new ErpBrand(code, name, random.Next(10) != 0, TruncateToSeconds(changedAt));
        }
    }

    /// <summary>
    /// Applies <paramref name="count"/> change ticks now, stamped with the current time, whatever
    /// <see cref="SandboxOptions.ChangeInterval"/> says (tests that need the demo's changes without waiting for them).
    /// </summary>
    public void ApplyChanges(int count)
    {
        lock (gate)
        {
            CatchUp();
            var at = time.GetUtcNow();
            for (var i = 0; i < count; i++)
            {
                var tick = ++forcedTick;
                ApplyChange(tick, at);
                catalog.ApplyChange(tick, at);
            }
        }
    }

    /// <summary>
    /// Changes the main-branch price and stock of <paramref name="count"/> random products now (see
    /// <see cref="ErpCatalog.ChangePricesAndStock"/>): POST <c>_sandbox/erp/{tenant}/price-stock-changes?count=N</c>.
    /// </summary>
    public IReadOnlyList<int> ChangePricesAndStock(int count)
    {
        lock (gate)
        {
            CatchUp();
            return catalog.ChangePricesAndStock(count, ++forcedTick, time.GetUtcNow());
        }
    }

    private void CatchUp()
    {
        var interval = options.ChangeInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        var due = (time.GetUtcNow() - epoch).Ticks / interval.Ticks;
        for (var tick = appliedTick + 1; tick <= due; tick++)
        {
            var at = epoch + TimeSpan.FromTicks(interval.Ticks * tick);
            ApplyChange(tick, at);
            catalog.ApplyChange(tick, at);
        }

        if (due > appliedTick)
        {
            appliedTick = due;
        }
    }

    private void ApplyChange(long tick, DateTimeOffset at)
    {
        if (brands.Count == 0)
        {
            return;
        }

        var random = new Random(StableHash.Seed(options.Seed, Name, 1_000 + tick));
        var candidates = brands.Keys
            .Where(c => c is not InvalidLongNameCode and not InvalidBlankNameCode and not TrailingSpaceNameCode)
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var used = brands.Values.Select(b => BrandNames.Key(b.Name)).ToHashSet(StringComparer.Ordinal);
        var changes = 1 + random.Next(2);
        for (var i = 0; i < changes; i++)
        {
            var brand = brands[candidates[random.Next(candidates.Count)]];
            brands[brand.Code] = random.Next(10) < 3
                ? brand with { IsActive = !brand.IsActive, ChangedAt = at }
                : brand with { Name = UniqueName(random, used), ChangedAt = at };
        }
    }

    private static string UniqueName(Random random, HashSet<string> used)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = BrandNames.Next(random);
            if (attempt > 50)
            {
                name += " " + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (used.Add(BrandNames.Key(name)))
            {
                return name;
            }
        }
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    private readonly record struct TokenEntry(DateTimeOffset ExpiresAt, bool IsRefresh);
}

internal readonly record struct TokenGrant(string AccessToken, string RefreshToken, int ExpiresIn);
