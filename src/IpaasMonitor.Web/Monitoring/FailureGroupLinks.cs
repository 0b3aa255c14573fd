using System.Globalization;
using System.Text.RegularExpressions;
using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>
/// Where a failure group points to: a wait on a failed parent links to its parent failure's own group when the refresh
/// found it (<see cref="FailureGroup.ParentCauseKey"/>), else to the diagram its text names; a parent group lists the waits
/// it holds.
/// </summary>
public static partial class FailureGroupLinks
{
    /// <summary>The component of a wait (<c>MessageComponents.WaitingParent</c>).</summary>
    public const string WaitingParent = "WAITING PARENT";

    /// <summary>The diagram whose failure groups hold the parent's failure, for a wait that names one; otherwise null.</summary>
    public static int? ParentDiagram(FailureGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.Component != WaitingParent)
        {
            return null;
        }

        var match = DiagramReference().Match(group.Cause);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The groups page showing one group (ADR-017 amendment 3): where a wait links to its parent's failure.</summary>
    public static string Group(string causeKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(causeKey);
        return $"falhas?grupo={Uri.EscapeDataString(causeKey)}";
    }

    /// <summary>The grid listing the unresolved waits held behind a group (<see cref="GridQuery.HeldBy"/>).</summary>
    public static string HeldWaits(string causeKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(causeKey);
        return $"mensagens?retidasPor={Uri.EscapeDataString(causeKey)}&situacao=erro";
    }

    [GeneratedRegex(@"diagrama (\d{1,2})\b")]
    private static partial Regex DiagramReference();
}
