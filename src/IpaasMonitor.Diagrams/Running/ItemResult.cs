using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>How one item of a run ended: the row the grid shows, with what explains it.</summary>
/// <param name="Situation">Processed or Failed.</param>
/// <param name="Component">The step reached (CREATE OK, UPDATE OK, POST brand…).</param>
/// <param name="BusinessKey">ERP key, RefId, order id…</param>
/// <param name="Payload">What was read or sent (JSON).</param>
/// <param name="Error">Short human reason when failed.</param>
/// <param name="RemoteResponse">The remote answer when it explains a failure.</param>
/// <param name="CorrelationId">The VTEX orderId for order messages.</param>
/// <param name="ParentDiagram">A wait on a failed parent: the diagram that sends the parent (ADR-017 amendment 3).</param>
/// <param name="ParentKey">A wait on a failed parent: the parent's business key.</param>
public sealed record ItemResult(
    MessageSituation Situation,
    string Component,
    string BusinessKey,
    string? Payload,
    string? Error = null,
    string? RemoteResponse = null,
    string? CorrelationId = null,
    int? ParentDiagram = null,
    string? ParentKey = null)
{
    public static ItemResult Ok(string component, string businessKey, string? payload, string? correlationId = null) =>
        new(MessageSituation.Processed, component, businessKey, payload, CorrelationId: correlationId);

    public static ItemResult Fail(string component, string businessKey, string? payload, string error, string? remoteResponse = null, string? correlationId = null) =>
        new(MessageSituation.Failed, component, businessKey, payload, error, remoteResponse, correlationId);
}
