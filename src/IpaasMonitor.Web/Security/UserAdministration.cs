using System.Security.Cryptography;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Security;

/// <summary>What a user's sign-in state is: active, disabled by an admin, or locked out after failed attempts.</summary>
public enum UserState
{
    Active,
    Disabled,
    Locked,
}

/// <summary>One row of the users page.</summary>
public sealed record UserSummary(string Id, string Email, string DisplayName, string Role, UserState State, DateTime CreatedAtUtc);

/// <summary>The outcome of a change: done, or the reasons it was refused (Identity's own errors or ours).</summary>
public sealed record UserChangeResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static UserChangeResult Ok { get; } = new(true, []);

    public static UserChangeResult Fail(params string[] errors) => new(false, errors);

    public static UserChangeResult From(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Succeeded ? Ok : new(false, [.. result.Errors.Select(e => e.Description)]);
    }
}

/// <summary>
/// Users, roles, enable/disable and password resets for the admin page. Each operation runs in its own DI scope
/// (a fresh <see cref="UserManager{TUser}"/> and DbContext), never on a circuit-long context. Every change is
/// audited, never with a password. The caller checks the admin policy first; this class keeps the invariants:
/// exactly one role per user, and at least one active administrator.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, IDbContextFactory<IpaasDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    /// <summary>Disabled = locked out until the end of time (Identity's own lockout, so sign-in refuses it).</summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public const string TargetType = "user";

    /// <summary>Refusal codes the page translates.</summary>
    public const string LastAdminError = "last-admin";
    public const string NotFoundError = "not-found";
    public const string InvalidRoleError = "invalid-role";
    public const string TooLongError = "too-long";

    // Check-then-change of "is this the last active admin?" must not interleave: two admins demoting each other at
    // the same moment would both see two admins and leave none. The gate is per process: with several app instances
    // behind a load balancer the window remains (it would need a database lock).
    private static readonly SemaphoreSlim AdminChanges = new(1, 1);

    private const string PasswordAlphabetLower = "abcdefghijkmnopqrstuvwxyz";
    private const string PasswordAlphabetUpper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string PasswordDigits = "23456789";
    private const string PasswordSymbols = "#$%&*+-=?@";

    /// <summary>A 16-character random password with every character class Identity may demand.</summary>
    public static string GeneratePassword()
    {
        const string all = PasswordAlphabetLower + PasswordAlphabetUpper + PasswordDigits + PasswordSymbols;
        var chars = new char[16];
        chars[0] = Pick(PasswordAlphabetLower);
        chars[1] = Pick(PasswordAlphabetUpper);
        chars[2] = Pick(PasswordDigits);
        chars[3] = Pick(PasswordSymbols);
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = Pick(all);
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);

        static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roleOf = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            select new { ur.UserId, r.Name })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var roles = roleOf.ToLookup(x => x.UserId, x => x.Name ?? "");
        var now = time.GetUtcNow();
        return [.. users.Select(u => new UserSummary(
            u.Id,
            u.Email ?? u.UserName ?? "",
            u.DisplayName,
            HighestRole(roles[u.Id]),
            StateOf(u, now),
            u.CreatedAtUtc))];
    }

    public async Task<UserChangeResult> CreateAsync(string actingUser, string email, string displayName, string role, string password, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role))
        {
            return UserChangeResult.Fail(InvalidRoleError);
        }

        ArgumentNullException.ThrowIfNull(password);
        email = (email ?? "").Trim();
        displayName = (displayName ?? "").Trim();
        if (email.Length > InputLimits.Email || displayName.Length > InputLimits.DisplayName || password.Length > InputLimits.Password)
        {
            return UserChangeResult.Fail(TooLongError);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IpaasUser>>();
        var user = new IpaasUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            LockoutEnabled = true,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return UserChangeResult.From(created);
        }

        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            return UserChangeResult.From(added);
        }

        await audit.WriteAsync(actingUser, AuditLog.UserCreated, TargetType, email, details: $"role {role}", cancellationToken: cancellationToken);
        return UserChangeResult.Ok;
    }

    /// <summary>Sets the user's only role. Refused when it would leave no active administrator.</summary>
    public Task<UserChangeResult> ChangeRoleAsync(string actingUser, string userId, string role, CancellationToken cancellationToken) =>
        OneAdminChangeAtATimeAsync(() => ChangeRoleCoreAsync(actingUser, userId, role, cancellationToken), cancellationToken);

    /// <summary>Disables (locked out forever) or enables (lockout cleared) a user. Enabling also unlocks a locked-out user.</summary>
    public Task<UserChangeResult> SetEnabledAsync(string actingUser, string userId, bool enabled, CancellationToken cancellationToken) =>
        OneAdminChangeAtATimeAsync(() => SetEnabledCoreAsync(actingUser, userId, enabled, cancellationToken), cancellationToken);

    private static async Task<UserChangeResult> OneAdminChangeAtATimeAsync(Func<Task<UserChangeResult>> change, CancellationToken cancellationToken)
    {
        await AdminChanges.WaitAsync(cancellationToken);
        try
        {
            return await change();
        }
        finally
        {
            AdminChanges.Release();
        }
    }

    private async Task<UserChangeResult> ChangeRoleCoreAsync(string actingUser, string userId, string role, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role))
        {
            return UserChangeResult.Fail(InvalidRoleError);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IpaasUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return UserChangeResult.Fail(NotFoundError);
        }

        var current = await users.GetRolesAsync(user);
        var previous = HighestRole(current);
        if (current.Count == 1 && previous == role)
        {
            return UserChangeResult.Ok;
        }

        if (role != Roles.Admin && IsActiveAdmin(user, current) && await CountActiveAdminsAsync(users) <= 1)
        {
            return UserChangeResult.Fail(LastAdminError);
        }

        var removed = await users.RemoveFromRolesAsync(user, [.. current.Where(r => r != role)]);
        if (!removed.Succeeded)
        {
            return UserChangeResult.From(removed);
        }

        if (!current.Contains(role))
        {
            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded)
            {
                return UserChangeResult.From(added);
            }
        }

        // A new stamp makes the cookie of the user's open sessions re-read the roles.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actingUser, AuditLog.UserChanged, TargetType, user.Email, details: $"role {previous}→{role}", cancellationToken: cancellationToken);
        return UserChangeResult.Ok;
    }

    private async Task<UserChangeResult> SetEnabledCoreAsync(string actingUser, string userId, bool enabled, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IpaasUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return UserChangeResult.Fail(NotFoundError);
        }

        var before = StateOf(user, time.GetUtcNow());
        if (!enabled && IsActiveAdmin(user, await users.GetRolesAsync(user)) && await CountActiveAdminsAsync(users) <= 1)
        {
            return UserChangeResult.Fail(LastAdminError);
        }

        user.LockoutEnabled = true;
        var result = await users.SetLockoutEndDateAsync(user, enabled ? null : DisabledUntil);
        if (!result.Succeeded)
        {
            return UserChangeResult.From(result);
        }

        if (enabled)
        {
            await users.ResetAccessFailedCountAsync(user);
        }
        else
        {
            // Ends the user's signed-in sessions at their next request.
            await users.UpdateSecurityStampAsync(user);
        }

        var after = enabled ? UserState.Active : UserState.Disabled;
        await audit.WriteAsync(actingUser, AuditLog.UserChanged, TargetType, user.Email, details: $"state {before}→{after}", cancellationToken: cancellationToken);
        return UserChangeResult.Ok;
    }

    /// <summary>Sets a new password chosen or generated by the admin. The password is never logged or audited.</summary>
    public async Task<UserChangeResult> ResetPasswordAsync(string actingUser, string userId, string newPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newPassword);
        if (newPassword.Length > InputLimits.Password)
        {
            return UserChangeResult.Fail(TooLongError);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IpaasUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return UserChangeResult.Fail(NotFoundError);
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            return UserChangeResult.From(result);
        }

        await audit.WriteAsync(actingUser, AuditLog.UserChanged, TargetType, user.Email, details: "password reset", cancellationToken: cancellationToken);
        return UserChangeResult.Ok;
    }

    private static UserState StateOf(IpaasUser user, DateTimeOffset now) => user.LockoutEnd switch
    {
        { } end when end.UtcDateTime.Year >= 9000 => UserState.Disabled,
        { } end when end > now => UserState.Locked,
        _ => UserState.Active,
    };

    /// <summary>The user's role; with several (legacy data), the most powerful one, which is what they can do.</summary>
    private static string HighestRole(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return set.Contains(Roles.Admin) ? Roles.Admin : set.Contains(Roles.Operator) ? Roles.Operator : Roles.Viewer;
    }

    private bool IsActiveAdmin(IpaasUser user, IEnumerable<string> roles) =>
        roles.Contains(Roles.Admin) && StateOf(user, time.GetUtcNow()) != UserState.Disabled;

    /// <summary>Admins who are not disabled (a temporarily locked-out admin still counts: the lockout ends by itself).</summary>
    private async Task<int> CountActiveAdminsAsync(UserManager<IpaasUser> users)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        var now = time.GetUtcNow();
        return admins.Count(a => StateOf(a, now) != UserState.Disabled);
    }
}
