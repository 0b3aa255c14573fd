using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Web.Components.Pages.Admin;
using IpaasMonitor.Web.Security;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Web.Tests.Components.Pages.Admin;

public sealed class UserListTests : MonitorTestContext
{
    private const string AdminEmail = "admin@teste";
    private const string Password = "Senha#Forte2026";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddIpaasMonitorIdentityStores(new AuthOptions());
        ActAs(AdminEmail, Roles.Admin);
    }

    [Fact]
    public async Task Admin_CreatesAUser_AndChangesItsRole_BothAudited()
    {
        await SeedUserAsync(AdminEmail, Roles.Admin);
        var cut = Render<UserList>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=user-row]").Should().ContainSingle());

        Field(cut, "new-email").Input("novo@teste");
        Field(cut, "new-name").Input("Nina Nova");
        Field(cut, "new-password").Input("curta");
        await cut.Find("button[data-testid=create-user]").ClickAsync(new());
        cut.WaitForAssertion(() => cut.Find("[data-testid=form-errors]").TextContent.Should().Contain("pelo menos 10 caracteres"));
        cut.FindAll("[data-testid=user-row]").Should().ContainSingle("a password that breaks Identity's rules creates nothing");

        Field(cut, "new-password").Input(Password);
        await cut.Find("button[data-testid=create-user]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=user-row]").Should().HaveCount(2));
        var row = cut.Find("[data-testid=user-row][data-email='novo@teste']");
        row.TextContent.Should().Contain("Nina Nova").And.Contain("Ativo");
        cut.FindAll("[data-testid=form-errors]").Should().BeEmpty();
        var created = await Audit(AuditLog.UserCreated);
        created.Should().ContainSingle().Which.Should().Match<AuditEntry>(a =>
            a.UserName == AdminEmail && a.TargetType == "user" && a.TargetId == "novo@teste" && a.Details == "role Viewer");

        var id = await UserIdAsync("novo@teste");
        await cut.InvokeAsync(() => cut.Instance.ChangeRoleAsync(id, Roles.Operator));

        (await RolesOfAsync("novo@teste")).Should().Equal(Roles.Operator);
        var changed = await Audit(AuditLog.UserChanged);
        changed.Should().ContainSingle().Which.Details.Should().Be("role Viewer→Operator");
        (await WithDbAsync(db => db.Audit.ToListAsync())).Should().NotContain(a => (a.Details ?? "").Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_DisablesAndEnablesAUser_AndResetsAPassword_Audited()
    {
        await SeedUserAsync(AdminEmail, Roles.Admin);
        var viewerId = await SeedUserAsync("vera@teste", Roles.Viewer);
        var cut = Render<UserList>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=user-row]").Should().HaveCount(2));

        await cut.InvokeAsync(() => cut.Instance.SetEnabledAsync(viewerId, enabled: false));
        cut.WaitForAssertion(() => cut.Find("[data-testid=user-row][data-email='vera@teste'] [data-testid=user-state]").GetAttribute("data-state").Should().Be("Disabled"));
        (await FindUserAsync("vera@teste")).LockoutEnd.Should().Be(DateTimeOffset.MaxValue);

        await cut.InvokeAsync(() => cut.Instance.SetEnabledAsync(viewerId, enabled: true));
        (await FindUserAsync("vera@teste")).LockoutEnd.Should().BeNull();

        var generated = UserAdministration.GeneratePassword();
        await cut.InvokeAsync(() => cut.Instance.ResetPasswordAsync(viewerId, generated));
        await using (var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IpaasUser>>();
            (await users.CheckPasswordAsync((await users.FindByEmailAsync("vera@teste"))!, generated)).Should().BeTrue();
        }

        (await Audit(AuditLog.UserChanged)).Select(a => a.Details).Should().Equal("state Active→Disabled", "state Disabled→Active", "password reset");
    }

    [Fact]
    public async Task TheLastActiveAdmin_CannotBeDemotedOrDisabled()
    {
        var adminId = await SeedUserAsync(AdminEmail, Roles.Admin);
        await SeedUserAsync("antigo@teste", Roles.Admin, disabled: true);
        var cut = Render<UserList>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=user-row]").Should().HaveCount(2));

        await cut.InvokeAsync(() => cut.Instance.ChangeRoleAsync(adminId, Roles.Operator));
        await cut.InvokeAsync(() => cut.Instance.SetEnabledAsync(adminId, enabled: false));

        (await RolesOfAsync(AdminEmail)).Should().Equal(Roles.Admin);
        (await FindUserAsync(AdminEmail)).LockoutEnd.Should().BeNull();
        (await Audit(AuditLog.UserChanged)).Should().BeEmpty();
        cut.Find("[data-testid=user-row][data-email='admin@teste'] [data-testid=user-state]").GetAttribute("data-state").Should().Be("Active");

        // With a second active admin, stepping down is allowed.
        await SeedUserAsync("outra@teste", Roles.Admin);
        await cut.InvokeAsync(() => cut.Instance.ChangeRoleAsync(adminId, Roles.Operator));
        (await RolesOfAsync(AdminEmail)).Should().Equal(Roles.Operator);
    }

    [Theory]
    [InlineData(300, 10, 12)]
    [InlineData(20, 200, 12)]
    [InlineData(20, 10, 200)]
    public async Task Admin_CreatingAUser_WithAnOversizedField_IsRefused_AndStoresNothing(int emailLength, int nameLength, int passwordLength)
    {
        await SeedUserAsync(AdminEmail, Roles.Admin);
        var admin = Services.GetRequiredService<UserAdministration>();
        var email = new string('e', emailLength - "@teste".Length) + "@teste";

        var result = await admin.CreateAsync(AdminEmail, email, new string('n', nameLength), Roles.Viewer, "Aa1#" + new string('p', passwordLength - 4), CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Equal(UserAdministration.TooLongError);
        (await WithDbAsync(db => db.Users.CountAsync())).Should().Be(1);
        (await Audit(AuditLog.UserCreated)).Should().BeEmpty();
    }

    [Fact]
    public async Task Admin_ResettingAPassword_WithAnOversizedOne_IsRefused()
    {
        await SeedUserAsync(AdminEmail, Roles.Admin);
        var viewerId = await SeedUserAsync("vera@teste", Roles.Viewer);
        var admin = Services.GetRequiredService<UserAdministration>();

        var result = await admin.ResetPasswordAsync(AdminEmail, viewerId, "Aa1#" + new string('p', 1024 * 1024), CancellationToken.None);

        result.Errors.Should().Equal(UserAdministration.TooLongError);
    }

    [Fact]
    public async Task TwoAdminsSteppingDownAtTheSameMoment_LeaveOneActiveAdmin()
    {
        var first = await SeedUserAsync(AdminEmail, Roles.Admin);
        var second = await SeedUserAsync("outra@teste", Roles.Admin);
        var admin = Services.GetRequiredService<UserAdministration>();

        var results = await Task.WhenAll(
            Task.Run(() => admin.ChangeRoleAsync(AdminEmail, first, Roles.Operator, CancellationToken.None)),
            Task.Run(() => admin.SetEnabledAsync("outra@teste", second, enabled: false, CancellationToken.None)));

        results.Count(r => r.Succeeded).Should().Be(1, "the second change would leave no active admin");
        results.Should().ContainSingle(r => !r.Succeeded).Which.Errors.Should().Contain(UserAdministration.LastAdminError);
        var stillAdmin = (await RolesOfAsync(AdminEmail)).Contains(Roles.Admin);
        var stillEnabled = (await FindUserAsync("outra@teste")).LockoutEnd is null;
        (stillAdmin || stillEnabled).Should().BeTrue();
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Operator)]
    public async Task NonAdmin_CallingTheHandlers_IsRefusedOnTheServer(string role)
    {
        var adminId = await SeedUserAsync(AdminEmail, Roles.Admin);
        ActAs("intruso@teste", role);
        var cut = Render<UserList>();

        await cut.Invoking(c => c.InvokeAsync(() => c.Instance.ChangeRoleAsync(adminId, Roles.Viewer))).Should().ThrowAsync<UnauthorizedAccessException>();
        await cut.Invoking(c => c.InvokeAsync(() => c.Instance.SetEnabledAsync(adminId, false))).Should().ThrowAsync<UnauthorizedAccessException>();
        await cut.Invoking(c => c.InvokeAsync(() => c.Instance.ResetPasswordAsync(adminId, Password + "x"))).Should().ThrowAsync<UnauthorizedAccessException>();
        await cut.Invoking(c => c.InvokeAsync(() => c.Instance.CreateAsync())).Should().ThrowAsync<UnauthorizedAccessException>();

        (await RolesOfAsync(AdminEmail)).Should().Equal(Roles.Admin);
        (await WithDbAsync(db => db.Audit.CountAsync())).Should().Be(0);
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<UserList> cut, string testId) =>
        cut.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    private Task<List<AuditEntry>> Audit(string action) =>
        WithDbAsync(db => db.Audit.Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync());

    private Task<string> UserIdAsync(string email) => WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<IpaasUser> FindUserAsync(string email) => WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

    private Task<List<string>> RolesOfAsync(string email) =>
        WithDbAsync(db => (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where u.Email == email
                           select r.Name!).ToListAsync());

    private async Task<string> SeedUserAsync(string email, string role, bool disabled = false)
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var name in Roles.All)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                (await roles.CreateAsync(new IdentityRole(name))).Succeeded.Should().BeTrue();
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IpaasUser>>();
        var user = new IpaasUser { UserName = email, Email = email, DisplayName = email, LockoutEnabled = true, CreatedAtUtc = Now };
        (await users.CreateAsync(user, Password)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        if (disabled)
        {
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        }

        return user.Id;
    }
}
