using IpaasMonitor.Diagrams.Hub;

namespace IpaasMonitor.Diagrams.Categories;

/// <summary>The ERP category tree as the hub knows it (category code → parent code), to find a category's department.</summary>
public sealed class CategoryTree(IReadOnlyList<HubRecordInfo> categories)
{
    private readonly Dictionary<string, string?> parents = categories.ToDictionary(c => c.ErpKey, c => c.ParentKey, StringComparer.Ordinal);

    public bool Contains(string code) => parents.ContainsKey(code);

    public int Count => parents.Count;

    /// <summary>The top-level ancestor of a category (itself for a department); null when the category is unknown.</summary>
    public string? DepartmentOf(string code)
    {
        var current = code;
        for (var depth = 0; depth < 32; depth++)
        {
            if (!parents.TryGetValue(current, out var parent))
            {
                return depth == 0 ? null : current;
            }

            if (string.IsNullOrEmpty(parent))
            {
                return current;
            }

            current = parent;
        }

        return current;
    }

    public static async Task<CategoryTree> LoadAsync(HubStore hub, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hub);
        return new CategoryTree(await hub.ListAsync(connectionId, HubKinds.Category, cancellationToken));
    }
}
