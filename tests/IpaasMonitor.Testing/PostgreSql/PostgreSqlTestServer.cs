using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace IpaasMonitor.Testing.PostgreSql;

/// <summary>
/// The PostgreSQL server the tests create their databases on. <c>./test.sh</c> starts a throwaway cluster and passes
/// its connection string in <see cref="EnvironmentVariable"/>; without it (a bare <c>dotnet test</c>) the first test that
/// needs PostgreSQL starts a cluster of its own from Debian's server binaries (<c>/usr/lib/postgresql/N/bin</c>), in a
/// temp folder on a free loopback port, run as the <c>postgres</c> user when the tests run as root, and stopped when the
/// test process exits. When neither is there the tests that need PostgreSQL fail with the reason: they never pass
/// without having run (ADR-020).
/// </summary>
public static class PostgreSqlTestServer
{
    /// <summary>A connection string to a server where this user may create and drop databases.</summary>
    public const string EnvironmentVariable = "IPAASMONITOR_TEST_POSTGRES";

    private const string BinariesRoot = "/usr/lib/postgresql";

    private static readonly Lazy<string> Server = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server's connection string (database <c>postgres</c>); starts the own cluster on first use if needed.</summary>
    public static string ConnectionString => Server.Value;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static string CreateDatabase(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        command.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing what is still connected to it.</summary>
    public static async Task DropDatabaseAsync(string databaseConnectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(databaseConnectionString).Database;
        await using (var own = new NpgsqlConnection(databaseConnectionString))
        {
            NpgsqlConnection.ClearPool(own);
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return given;
        }

        var bin = Directory.Exists(BinariesRoot)
            ? Directory.GetDirectories(BinariesRoot)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                $"These tests need PostgreSQL and found none: {EnvironmentVariable} is not set and no server binaries are in " +
                $"{BinariesRoot}/N/bin. Run ./test.sh (it installs Debian's postgresql-15 and starts a throwaway cluster), " +
                $"install postgresql-15, or set {EnvironmentVariable} to a server where this user may create databases." +
                (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? " (CI=true)" : ""));
        }

        return OwnCluster.Start(bin);
    }

    /// <summary>A cluster started by the test process itself, stopped at its exit.</summary>
    private static class OwnCluster
    {
        public static string Start(string bin)
        {
            var folder = Path.Combine(Path.GetTempPath(), $"ipaas-pg-{Guid.NewGuid():N}");
            var data = Path.Combine(folder, "data");
            Directory.CreateDirectory(folder);
            var asPostgres = Environment.UserName == "root";
            if (asPostgres)
            {
                // initdb and the server refuse to run as root: the cluster belongs to the postgres user.
                Run("chown", "postgres", folder);
            }

            Run(bin, asPostgres, "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C");
            var port = FreePort();
            var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            Run(bin, asPostgres, "pg_ctl", "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-o", options, "start");
            // Stopped when this process ends, however it ends: a watchdog shell waits for it to be gone (a test host
            // that is killed runs no exit handler), then stops the server and deletes the folder.
            var stop = asPostgres
                ? $"runuser -u postgres -- '{Path.Combine(bin, "pg_ctl")}' -D '{data}' -m immediate -w stop"
                : $"'{Path.Combine(bin, "pg_ctl")}' -D '{data}' -m immediate -w stop";
            var watchdog = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "sh", "-c", $"while [ -d /proc/{Environment.ProcessId} ]; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{folder}'" })
            {
                watchdog.ArgumentList.Add(argument);
            }

            Process.Start(watchdog)?.Dispose();
            return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true";
        }

        private static void Run(string bin, bool asPostgres, string tool, params string[] arguments)
        {
            var path = Path.Combine(bin, tool);
            if (asPostgres)
            {
                Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
            }
            else
            {
                Run(path, arguments);
            }
        }

        private static void Run(string file, params string[] arguments)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}{output.Result}");
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
