using IpaasMonitor.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace IpaasMonitor.Web.Security;

/// <summary>
/// Roles always exist. In the embedded demo the README's accounts exist. Otherwise the first administrator comes from
/// configuration, and the app refuses to start when there is no administrator and none is configured.
/// </summary>
public sealed class IdentitySeeder(
    UserManager<IpaasUser> users,
    RoleManager<IdentityRole> roles,
    AuthOptions options,
    TimeProvider time,
    ILogger<IdentitySeeder> logger)
{
    public async Task SeedAsync(bool embeddedDemo)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (options.DemoAccounts ?? embeddedDemo)
        {
            foreach (var (email, password, role, name) in DemoAccounts.All)
            {
                await EnsureUserAsync(email, password, role, name);
            }
        }

        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.Admin.Email) || string.IsNullOrWhiteSpace(options.Admin.Password))
        {
            throw new InvalidOperationException(
                "No administrator exists and none is configured. Set Auth__Admin__Email and Auth__Admin__Password " +
                "(environment variables or user-secrets) for the first start; there is no default password outside the demo.");
        }

        await EnsureUserAsync(options.Admin.Email, options.Admin.Password, Roles.Admin, options.Admin.Email);
        logger.LogInformation("First administrator {Email} created from configuration", options.Admin.Email);
    }

    private async Task EnsureUserAsync(string email, string password, string role, string name)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new IpaasUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                LockoutEnabled = true,
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            Check(await users.CreateAsync(user, password), $"create user {email}");
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role), $"add {email} to {role}");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
