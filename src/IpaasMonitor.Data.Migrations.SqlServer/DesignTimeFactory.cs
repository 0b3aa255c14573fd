using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpaasMonitor.Data.Migrations.SqlServer;

/// <summary>Lets `dotnet ef migrations add` build the context with the SqlServer provider and this assembly.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IpaasDbContext>
{
    public IpaasDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<IpaasDbContext>();
        DataServiceCollectionExtensions.Configure(builder, DatabaseProvider.SqlServer, "Server=localhost;Database=IpaasMonitor;Trusted_Connection=True;TrustServerCertificate=True");
        return new IpaasDbContext(builder.Options);
    }
}
