using System.Globalization;
using System.Text.RegularExpressions;
using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>Where a failure group points to: a wait on a failed parent names the diagram of the parent's failure.</summary>
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

    [GeneratedRegex(@"diagrama (\d{1,2})\b")]
    private static partial Regex DiagramReference();
}
