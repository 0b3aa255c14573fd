namespace IpaasMonitor.Web.Alerts;

/// <summary>A rule's condition holding for one subject at one evaluation.</summary>
/// <param name="Subject">What the episode is about within the rule (connection/diagram, connection/system, connection/order).</param>
/// <param name="ConnectionId">The connection, when the subject has one.</param>
/// <param name="Summary">What was seen, in the alert language.</param>
/// <param name="Link">The page that shows it (relative to the monitor), e.g. the order's trace.</param>
/// <param name="OrderId">The order of an order rule's episode (the line a digest lists).</param>
public sealed record AlertFinding(string Subject, string? ConnectionId, string Summary, string? Link = null, string? OrderId = null);
