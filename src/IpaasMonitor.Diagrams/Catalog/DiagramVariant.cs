using IpaasMonitor.Connectors;

namespace IpaasMonitor.Diagrams.Catalog;

/// <summary>
/// Which of the connection's branches a catalogue row serves. One class may serve a main and a branch row; it reads
/// the variant from the row (<see cref="DiagramDefinition.Variant"/>), never from a number of its own.
/// </summary>
public enum DiagramVariant
{
    /// <summary>The row has no main/branch split.</summary>
    None,

    /// <summary>The connection's main branch: the first one configured.</summary>
    Main,

    /// <summary>Every configured branch but the main one.</summary>
    Branches,
}

public static class DiagramVariantExtensions
{
    /// <summary>The branches a row of this variant serves: the first, every other one, or all of them.</summary>
    public static IReadOnlyList<BranchOptions> BranchesOf(this DiagramVariant variant, ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return variant switch
        {
            DiagramVariant.Main => [.. connection.Branches.Take(1)],
            DiagramVariant.Branches => [.. connection.Branches.Skip(1)],
            _ => connection.Branches,
        };
    }
}
