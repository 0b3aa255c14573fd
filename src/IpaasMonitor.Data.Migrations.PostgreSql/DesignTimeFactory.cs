using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpaasMonitor.Data.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef migrations add` build the context with the PostgreSql provider and this assembly.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IpaasDbContext>
{
    public IpaasDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<IpaasDbContext>();
        DataServiceCollectionExtensions.Configure(builder, DatabaseProvider.PostgreSql, "Host=localhost;Database=ipaasmonitor;Username=postgres");
        return new IpaasDbContext(builder.Options);
    }
}
