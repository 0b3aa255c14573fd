using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>What the monitor grid is filtered by. Every field is optional; empty lists mean "any".</summary>
public sealed record MessageFilter
{
    /// <summary>Shortest hex prefix searched as an identifier: shorter prefixes match too many rows to sort.</summary>
    public const int MinimumIdPrefixLength = 4;

    public string? ConnectionId { get; init; }

    public IReadOnlyList<int> Diagrams { get; init; } = [];

    public IReadOnlyList<MessageSituation> Situations { get; init; } = [];

    /// <summary>Inclusive lower bound of <see cref="IntegrationMessage.ReceivedAtUtc"/>.</summary>
    public DateTime? ReceivedFromUtc { get; init; }

    /// <summary>Exclusive upper bound of <see cref="IntegrationMessage.ReceivedAtUtc"/>.</summary>
    public DateTime? ReceivedToUtc { get; init; }

    /// <summary>
    /// Identifier prefix (hex, at least <see cref="MinimumIdPrefixLength"/> digits, or a whole message id),
    /// exact business key, or exact correlation id. A message matching any of the three is returned.
    /// </summary>
    public string? Search { get; init; }

    /// <summary>The component of a run's summary message (<c>DiagramRunner.CountComponent</c>).</summary>
    public const string RunSummaryComponent = "Count";

    /// <summary>Leaves out the runs' summary (<see cref="RunSummaryComponent"/>) rows (the attention view, ADR-017).</summary>
    public bool HideRunSummaries { get; init; }

    public static MessageFilter None { get; } = new();

    public MessageFilter WithSituations(params MessageSituation[] situations) => this with { Situations = situations };
}
