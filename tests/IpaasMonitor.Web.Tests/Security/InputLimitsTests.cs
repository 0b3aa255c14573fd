using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Tests.Security;

public sealed class InputLimitsTests
{
    [Fact]
    public void TheLimits_AreTheColumnsTheValuesGoTo()
    {
        using var db = new IpaasDbContext(new DbContextOptionsBuilder<IpaasDbContext>().UseSqlite("Data Source=:memory:").Options);
        int? Max<T>(string property) => db.Model.FindEntityType(typeof(T))!.FindProperty(property)!.GetMaxLength();

        Max<AuditEntry>(nameof(AuditEntry.Reason)).Should().Be(InputLimits.Reason);
        Max<IpaasUser>(nameof(IpaasUser.DisplayName)).Should().Be(InputLimits.DisplayName);
        Max<IpaasUser>(nameof(IpaasUser.Email)).Should().Be(InputLimits.Email);
        Max<IpaasUser>(nameof(IpaasUser.UserName)).Should().Be(InputLimits.Email);
        Max<HubOrder>(nameof(HubOrder.OrderId)).Should().Be(InputLimits.OrderId);
    }

    [Theory]
    [InlineData(null, 10, null)]
    [InlineData("abc", 10, "abc")]
    [InlineData("abcdefghijkl", 10, "abcdefghi…")]
    public void Clip_KeepsShortValues_AndCutsLongOnesWithAMark(string? value, int max, string? expected) =>
        InputLimits.Clip(value, max).Should().Be(expected);

    [Fact]
    public void SingleLine_ReplacesControlCharacters_SoALogLineCannotBeForged() =>
        InputLimits.SingleLine("a@b.c\r\n[ERR] forged", 100).Should().Be("a@b.c??[ERR] forged");

    [Fact]
    public void GridSearch_FromAHugeUrl_IsCut()
    {
        var query = GridQuery.Parse("http://localhost/mensagens?busca=" + new string('x', 100_000));

        query.Search.Should().HaveLength(InputLimits.Search);
    }
}
