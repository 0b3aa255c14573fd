namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>A duplicate the sandbox saw being created: two records of one kind with the same natural key.</summary>
public sealed record VtexDuplicate(string Entity, string Key, IReadOnlyList<long> Ids, DateTimeOffset At);

/// <summary>
/// One fake VTEX account. All entity stores share one lock (<see cref="Gate"/>): the sandbox favours
/// simple, exact semantics over throughput.
/// </summary>
public sealed partial class VtexAccount
{
    /// <summary>Longest brand name the sandbox accepts (VTEX publishes no limit; our documented choice).</summary>
    public const int MaxBrandNameLength = 150;

    private const int MaxDuplicatesKept = 200;

    private readonly List<VtexDuplicate> duplicates = [];
    private readonly SortedDictionary<int, VtexBrand> brands = [];
    private int duplicatesCreated;

    internal VtexAccount(VtexAccountOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
    }

    public string Name => Options.Name;

    public VtexAccountOptions Options { get; }

    /// <summary>When true, every request with valid keys gets 403 (the key's role lacks the resource).</summary>
    public bool Forbidden { get; set; }

    /// <summary>Duplicates created since start or the last counter reset.</summary>
    public int DuplicatesCreated
    {
        get
        {
            lock (Gate)
            {
                return duplicatesCreated;
            }
        }
    }

    public IReadOnlyList<VtexDuplicate> Duplicates
    {
        get
        {
            lock (Gate)
            {
                return [.. duplicates];
            }
        }
    }

    public IReadOnlyList<VtexBrand> Brands
    {
        get
        {
            lock (Gate)
            {
                return [.. brands.Values];
            }
        }
    }

    internal Lock Gate { get; } = new();

    internal TimeProvider Time { get; }

    /// <summary>Adds or replaces a brand directly (tests and seeding); not counted as a duplicate.</summary>
    public void SeedBrand(VtexBrand brand)
    {
        ArgumentNullException.ThrowIfNull(brand);
        lock (Gate)
        {
            brands[brand.Id] = brand;
        }
    }

    internal IReadOnlyDictionary<string, int> EntityCounts()
    {
        lock (Gate)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["brands"] = brands.Count };
            AddEntityCounts(counts);
            return counts;
        }
    }

    internal void ResetCounters()
    {
        lock (Gate)
        {
            duplicatesCreated = 0;
            duplicates.Clear();
        }
    }

    /// <summary>Call under <see cref="Gate"/>.</summary>
    internal void RecordDuplicate(string entity, string key, IEnumerable<long> ids)
    {
        duplicatesCreated++;
        duplicates.Add(new VtexDuplicate(entity, key, [.. ids], Time.GetUtcNow()));
        if (duplicates.Count > MaxDuplicatesKept)
        {
            duplicates.RemoveAt(0);
        }
    }

    internal bool TryGetBrand(int id, out VtexBrand brand)
    {
        lock (Gate)
        {
            return brands.TryGetValue(id, out brand!);
        }
    }

    /// <summary>Stores a new brand (caller checked the id is free); records a duplicate on a name clash.</summary>
    internal VtexBrand InsertBrand(VtexBrand brand, out bool idTaken)
    {
        lock (Gate)
        {
            var id = brand.Id > 0 ? brand.Id : Math.Max(2_000_000, brands.Count == 0 ? 0 : brands.Keys.Max() + 1);
            idTaken = brands.ContainsKey(id);
            if (idTaken)
            {
                return brands[id];
            }

            brand = brand with { Id = id };
            CheckBrandDuplicate(brand);
            brands[id] = brand;
            return brand;
        }
    }

    internal bool ReplaceBrand(VtexBrand brand)
    {
        lock (Gate)
        {
            if (!brands.TryGetValue(brand.Id, out var old))
            {
                return false;
            }

            if (!string.Equals(Key(old.Name), Key(brand.Name), StringComparison.Ordinal))
            {
                CheckBrandDuplicate(brand);
            }

            brands[brand.Id] = brand;
            return true;
        }
    }

    /// <summary>Call under <see cref="Gate"/>.</summary>
    internal bool TryGetBrandUnlocked(int id) => brands.ContainsKey(id);

    /// <summary>Finds a brand by trimmed, case-insensitive name or creates an active one (product BrandName). Call under <see cref="Gate"/>.</summary>
    internal int FindOrCreateBrand(string name)
    {
        var existing = brands.Values.FirstOrDefault(b => string.Equals(Key(b.Name), Key(name), StringComparison.Ordinal));
        if (existing is not null)
        {
            return existing.Id;
        }

        var id = Math.Max(2_000_000, brands.Count == 0 ? 0 : brands.Keys.Max() + 1);
        brands[id] = new VtexBrand { Id = id, Name = name, Active = true, LinkId = VtexSlug.From(name) };
        return id;
    }

    private void CheckBrandDuplicate(VtexBrand brand)
    {
        var key = Key(brand.Name);
        var clashes = brands.Values.Where(b => b.Id != brand.Id && string.Equals(Key(b.Name), key, StringComparison.Ordinal)).Select(b => (long)b.Id).ToList();
        if (clashes.Count > 0)
        {
            RecordDuplicate("brand", brand.Name.Trim(), clashes.Append(brand.Id));
        }
    }

    private static string Key(string name) => name.Trim().ToUpperInvariant();

    internal VtexCatalogStore Catalog { get; } = new();

    private void AddEntityCounts(Dictionary<string, int> counts)
    {
        Catalog.AddCounts(counts);
        AddCommerceCounts(counts);
    }
}
