using System.Globalization;
using IpaasMonitor.Data.Entities;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// This process's name among the nodes of the store (ADR-026): <see cref="NodeOptions.Name"/>, or the machine name, the
/// process id and a short random suffix (a restarted process that gets the same pid is still another node).
/// </summary>
public sealed class NodeIdentity(IOptions<NodeOptions> options)
{
    public string Name { get; } = Resolve(options?.Value.Name);

    /// <summary>The default name: <c>machine-pid-xxxx</c>, cut to fit the column.</summary>
    public static string DefaultName()
    {
        var suffix = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var tail = $"-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{suffix}";
        var machine = Environment.MachineName;
        return machine[..Math.Min(machine.Length, NodeHeartbeat.NameMaxLength - tail.Length)] + tail;
    }

    private static string Resolve(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return DefaultName();
        }

        var name = configured.Trim();
        return name.Length <= NodeHeartbeat.NameMaxLength
            ? name
            : throw new OptionsValidationException(NodeOptions.SectionName, typeof(NodeOptions), [$"Nodes:Name is longer than {NodeHeartbeat.NameMaxLength} characters."]);
    }
}
