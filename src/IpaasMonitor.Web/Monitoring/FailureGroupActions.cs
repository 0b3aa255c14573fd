using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>
/// What an operator does to a failure group (ADR-017): re-queue it (a server-side bulk re-queue), discard it with a
/// reason, or write a note. Each demands the Operator role on the server and is audited with the count.
/// </summary>
public sealed class FailureGroupActions(
    IDbContextFactory<IpaasDbContext> dbFactory,
    FailureGroupQueries groups,
    RequeueBatches batches,
    MessageActions actions,
    AuditLog audit,
    ICurrentUser currentUser,
    TimeProvider time)
{
    public const string NoteAction = "failure-group-note";

    /// <summary>Starts a bulk re-queue of the group's unresolved failures; returns the batch id.</summary>
    public async Task<long> RequeueAsync(FailureGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var user = await currentUser.DemandAsync(Roles.OperatePolicy);
        var description = $"Grupo {MessageLabels.Diagram(group.Diagram)} · {group.Component} · {group.Cause}";
        return await batches.StartGroupAsync(group.CauseKey, user, description, cancellationToken);
    }

    /// <summary>Discards the group's unresolved failures with a reason; returns how many, and refreshes the summary.</summary>
    public async Task<int> DiscardAsync(FailureGroup group, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var user = await currentUser.DemandAsync(Roles.OperatePolicy);
        var count = await actions.DiscardGroupAsync(group.CauseKey, user, reason, cancellationToken);
        await groups.RefreshAsync(force: true, cancellationToken);
        return count;
    }

    /// <summary>Writes (or clears, when blank) the group's note.</summary>
    public async Task SetNoteAsync(FailureGroup group, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var user = await currentUser.DemandAsync(Roles.OperatePolicy);
        var text = string.IsNullOrWhiteSpace(note) ? null : InputLimits.Clip(note.Trim(), FailureGroup.NoteMaxLength);
        var now = time.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.FailureGroups.Where(g => g.CauseKey == group.CauseKey)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Note, text).SetProperty(g => g.NoteBy, user).SetProperty(g => g.NoteAtUtc, now), cancellationToken);
        }

        var count = await groups.CountAsync(group.CauseKey, cancellationToken);
        await audit.WriteAsync(user, NoteAction, "failure-group", group.CauseKey, text, $"{count} falha(s) no grupo", cancellationToken);
    }
}
