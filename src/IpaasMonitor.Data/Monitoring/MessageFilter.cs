using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>What the monitor grid is filtered by. Every field is optional; empty lists mean "any".</summary>
public sealed record MessageFilter
{
    /// <summary>Shortest hex prefix searched as an identifier: shorter prefixes match too many rows to sort.</summary>
    public const int MinimumIdPrefixLength = 4;

    /// <summary>Shortest text searched in the error messages.</summary>
    public const int MinimumErrorTextLength = 3;

    public string? ConnectionId { get; init; }

    public IReadOnlyList<int> Diagrams { get; init; } = [];

    public IReadOnlyList<MessageSituation> Situations { get; init; } = [];

    /// <summary>Inclusive lower bound of <see cref="IntegrationMessage.ReceivedAtUtc"/>.</summary>
    public DateTime? ReceivedFromUtc { get; init; }

    /// <summary>Exclusive upper bound of <see cref="IntegrationMessage.ReceivedAtUtc"/>.</summary>
    public DateTime? ReceivedToUtc { get; init; }

    /// <summary>
    /// Identifier prefix (hex, at least <see cref="MinimumIdPrefixLength"/> digits, or a whole message id), business key
    /// or correlation id (exact but for letter case), the buyer's CPF/CNPJ (with or without punctuation: the messages of
    /// their orders), or part of the error text of recent failures (at least <see cref="MinimumErrorTextLength"/>
    /// characters, see <see cref="MessageSearchOptions.ErrorScanRows"/>). A message matching any of them is returned.
    /// </summary>
    public string? Search { get; init; }

    /// <summary>The component of a run's summary message (<c>DiagramRunner.CountComponent</c>).</summary>
    public const string RunSummaryComponent = "Count";

    /// <summary>Leaves out the runs' summary (<see cref="RunSummaryComponent"/>) rows (the attention view, ADR-017).</summary>
    public bool HideRunSummaries { get; init; }

    /// <summary>
    /// A failure group's key (<see cref="IFailureGroupFilter"/>); null for none. Filled from the grid's <c>grupo</c>
    /// parameter for the failure-group page's links and exports.
    /// </summary>
    public string? FailureGroup { get; init; }

    /// <summary>
    /// A failure group's key: only the unresolved waits held behind it, i.e. whose parent's item has an open failure in that
    /// group (ADR-017 amendment 3); null for none. Filled from the grid's <c>retidasPor</c> parameter, the link of a
    /// parent group's held count on <c>/falhas</c>.
    /// </summary>
    public string? HeldByGroup { get; init; }

    public static MessageFilter None { get; } = new();

    public MessageFilter WithSituations(params MessageSituation[] situations) => this with { Situations = situations };
}
