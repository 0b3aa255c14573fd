using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Security;

/// <summary>Writes audit entries for actions that are not message state changes (sign-ins, reveals, user changes, runs).</summary>
public sealed class AuditLog(IDbContextFactory<IpaasDbContext> dbFactory, TimeProvider time)
{
    public const string LoginSucceeded = "login";
    public const string LoginFailed = "login-failed";
    public const string LoginLockedOut = "login-locked-out";
    public const string Logout = "logout";
    public const string Reveal = "reveal-personal-data";
    public const string UserCreated = "user-create";
    public const string UserChanged = "user-change";
    public const string RunNow = "run-now";
    public const string DiagramEnabled = "diagram-enable";
    public const string DiagramDisabled = "diagram-disable";
    public const string AlertAcknowledged = "alert-ack";
    public const string AlertRuleChanged = "alert-rule-change";

    public async Task WriteAsync(string userName, string action, string? targetType, string? targetId, string? reason = null, string? details = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Every value is cut to its column (the model's max length; SQLite would store any length), so no input,
        // however long, makes an audit row bigger than the columns say.
        var model = db.Model.FindEntityType(typeof(AuditEntry))!;
        string? Fit(string property, string? value) => InputLimits.Clip(value, model.FindProperty(property)!.GetMaxLength() ?? InputLimits.AuditDetails);
        db.Audit.Add(new AuditEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            UserName = Fit(nameof(AuditEntry.UserName), userName)!,
            Action = Fit(nameof(AuditEntry.Action), action)!,
            TargetType = Fit(nameof(AuditEntry.TargetType), targetType),
            TargetId = Fit(nameof(AuditEntry.TargetId), targetId),
            Reason = Fit(nameof(AuditEntry.Reason), reason),
            Details = Fit(nameof(AuditEntry.Details), details),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
