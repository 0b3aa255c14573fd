using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace IpaasMonitor.Web.Security;

public static class SecurityExtensions
{
    public const string LoginPath = "/conta/entrar";
    public const string LogoutPath = "/conta/sair";
    public const string AccessDeniedPath = "/conta/acesso-negado";

    /// <summary>
    /// ASP.NET Core Identity on the message store, cookie sign-in with lockout, and authorization: every endpoint
    /// needs a signed-in user (fallback policy) unless it says otherwise; operator and admin actions have policies.
    /// </summary>
    public static IServiceCollection AddIpaasMonitorSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        services.AddSingleton(auth);
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIpaasMonitorIdentityStores(auth).AddSignInManager();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.Cookie.Name = "ipaasmonitor.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure always, except plain-HTTP development and tests, where the browser would drop the cookie.
            o.Cookie.SecurePolicy = environment.IsDevelopment() || environment.IsEnvironment("Testing")
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Identity's events stay (OnValidatePrincipal checks the security stamp, so a disabled user or a changed
            // role takes effect); non-page endpoints answer 401/403 instead of redirecting to the login page.
            o.Events.OnRedirectToLogin = ctx => StatusOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => StatusOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = UserRevalidation.Interval);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.OperatePolicy, p => p.RequireRole(Roles.Operator, Roles.Admin))
            .AddPolicy(Roles.AdminPolicy, p => p.RequireRole(Roles.Admin));
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, UserRevalidation>();
        services.AddTransient<IdentitySeeder>();
        services.AddTransient<AuditLog>();
        services.AddSignInRateLimit(auth.SignInLimit);
        return services;
    }

    /// <summary>
    /// Users and roles on the message store, with the password and lockout rules, without sign-in (the users page
    /// and its tests need only this). Also registers <see cref="UserAdministration"/>.
    /// </summary>
    public static IdentityBuilder AddIpaasMonitorIdentityStores(this IServiceCollection services, AuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<IpaasDbContext>>().CreateDbContext());
        var dataProtection = services.AddDataProtection().SetApplicationName("IpaasMonitor");
        if (!string.IsNullOrWhiteSpace(auth.DataProtectionKeysFolder))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(auth.DataProtectionKeysFolder));
        }

        services.AddTransient<UserAdministration>();
        return services.AddIdentityCore<IpaasUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = auth.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = auth.LockoutDuration;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IpaasDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders();
    }

    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var request = context.Request;
        var wantsPage = HttpMethods.IsGet(request.Method)
            && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
        if (wantsPage)
        {
            context.Response.Redirect(LocalRedirects.Localize(context.RedirectUri));
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}
