using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpaasMonitor.Data.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the context with the Sqlite provider and this assembly.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IpaasDbContext>
{
    public IpaasDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<IpaasDbContext>();
        DataServiceCollectionExtensions.Configure(builder, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new IpaasDbContext(builder.Options);
    }
}
