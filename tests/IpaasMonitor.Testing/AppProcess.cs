using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace IpaasMonitor.Testing;

/// <summary>
/// The real app (the Web project's build output) as a separate process on a free loopback port, for the tests that kill
/// it with -9 (ADR-026). Its settings are the only configuration it reads: an <c>appsettings.json</c> written to a content
/// root of its own (so the repository's demo connections are not merged in), plus the environment. Standard output and
/// error go to <see cref="OutputFile"/>, which a failing test quotes.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter output;

    private AppProcess(Process process, StreamWriter output, string contentRoot, Uri address)
    {
        this.process = process;
        this.output = output;
        ContentRoot = contentRoot;
        Address = address;
    }

    public Uri Address { get; }

    public string ContentRoot { get; }

    public string OutputFile => Path.Combine(ContentRoot, "output.txt");

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>
    /// The app's build output, same configuration as the test assembly: the artifacts layout
    /// (<c>artifacts/bin/IpaasMonitor.Web/{configuration}</c>, beside the test's own folder) or the classic one.
    /// </summary>
    public static string WebOutputFolder()
    {
        var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new List<string>();
        if (testFolder.Parent?.Parent is { } bin)
        {
            candidates.Add(Path.Combine(bin.FullName, "IpaasMonitor.Web", testFolder.Name));
        }

        var root = testFolder;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IpaasMonitor.sln")))
        {
            root = root.Parent;
        }

        if (root is not null && testFolder.Parent is { } configuration)
        {
            candidates.Add(Path.Combine(root.FullName, "src", "IpaasMonitor.Web", "bin", configuration.Name, testFolder.Name));
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "IpaasMonitor.Web.dll")))
            ?? throw new InvalidOperationException($"IpaasMonitor.Web.dll is not built in {string.Join(" or ", candidates)}.");
    }

    /// <summary>Starts the app with <paramref name="settings"/> (configuration keys with ':') and waits until /health answers.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan? readyTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var contentRoot = Path.Combine(Path.GetTempPath(), $"ipaas-node-{Guid.NewGuid():N}");
        Directory.CreateDirectory(contentRoot);
        await File.WriteAllTextAsync(Path.Combine(contentRoot, "appsettings.json"), ToJson(settings));
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var web = WebOutputFolder();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contentRoot,
        };
        foreach (var argument in new[] { "exec", Path.Combine(web, "IpaasMonitor.Web.dll"), "--contentRoot", contentRoot })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var writer = new StreamWriter(Path.Combine(contentRoot, "output.txt"), append: false, Encoding.UTF8) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start the app.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, writer, contentRoot, address);
        try
        {
            await app.WaitReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(300));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>SIGKILL: no shutdown, no finally block, no flush: as a crash or <c>kill -9</c>.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>What the app wrote so far (for a failing test's message).</summary>
    public string Output()
    {
        using var stream = new FileStream(OutputFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        lock (output)
        {
            output.Dispose();
        }
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            if (writer.BaseStream.CanWrite)
            {
                writer.WriteLine(line);
            }
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before it was ready:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The app did not answer /health within {timeout}:\n{Tail()}");
    }

    private string Tail()
    {
        var text = Output();
        return text.Length > 4000 ? text[^4000..] : text;
    }

    private static string ToJson(IReadOnlyDictionary<string, string?> settings)
    {
        // Nested objects from "A:B:C" keys; numeric segments stay object keys (configuration reads them as array indexes).
        var root = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                if (node.TryGetValue(part, out var child) && child is Dictionary<string, object?> existing)
                {
                    node = existing;
                }
                else
                {
                    var created = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    node[part] = created;
                    node = created;
                }
            }

            node[parts[^1]] = value;
        }

        return JsonSerializer.Serialize(root);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
