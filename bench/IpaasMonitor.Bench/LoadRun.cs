using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace IpaasMonitor.Bench;

/// <summary>
/// N browser-like sessions against the running app over real HTTP: each loads the grid (server-rendered: the page runs
/// the same MessageQueries calls, page + per-situation counts, as the interactive grid) with one of the grid's URL
/// views, waits a think time, and loads again (navigation or live refresh). The server's CPU and memory are sampled
/// from /proc while it runs.
/// </summary>
internal static class LoadRun
{
    public static async Task RunAsync(Uri baseUrl, int sessions, TimeSpan duration, int serverPid, DateTime storeEndUtc, StringBuilder report)
    {
        var views = Views(storeEndUtc);

        // Every session signs in as the demo viewer (its own cookies), as a browser would.
        var clients = new List<HttpClient>();
        foreach (var _ in Enumerable.Range(0, sessions))
        {
            clients.Add(await SignInAsync(baseUrl));
        }

        // Warm-up: every view once.
        foreach (var view in views)
        {
            using var warm = await clients[0].GetAsync(new Uri(view, UriKind.Relative));
        }

        var samples = new Samples();
        var lockObject = new object();
        var errors = 0;
        var stop = DateTime.UtcNow + duration;
        var server = new ServerSampler(serverPid);
        var sampling = server.RunAsync(stop);
        var tasks = Enumerable.Range(0, sessions).Select(async s =>
        {
            var random = new Random(s);
            var client = clients[s];
            await Task.Delay(random.Next(0, 2_000));
            while (DateTime.UtcNow < stop)
            {
                var view = views[random.Next(views.Count)];
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await client.GetAsync(new Uri(view, UriKind.Relative));
                    var body = await response.Content.ReadAsStringAsync();
                    var ok = response.IsSuccessStatusCode && body.Contains("mud-table", StringComparison.Ordinal);
                    lock (lockObject)
                    {
                        samples.Add(watch.Elapsed);
                        if (!ok)
                        {
                            errors++;
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                // Think time 1–3 s: a person moving through filters, or the 10 s live refresh of several tabs.
                await Task.Delay(random.Next(1_000, 3_000));
            }
        });
        await Task.WhenAll(tasks);
        await sampling;
        foreach (var client in clients)
        {
            client.Dispose();
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"## Load: {sessions} sessions over HTTP for {duration.TotalSeconds:N0} s");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Each session loads the grid page (server-rendered through MessageQueries: page + counts per situation) with one of {views.Count} " +
            $"URL views (no filter, diagram + Erro, last hour, last 7 days, connection, business key, identifier prefix, correlation id, page 500), " +
            $"then waits 1–3 s. Load average during: {Load.Describe()}.");
        report.AppendLine();
        report.AppendLine("| Pages rendered | pages/s | errors | p50 ms | p95 ms | p99 ms | server CPU avg / max (of 2 cores) | server memory (RSS) max |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---|---:|");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {samples.Count:N0} | {samples.Count / duration.TotalSeconds:N1} | {errors} | {samples.P50:N1} | **{samples.P95:N1}** | {samples.P99:N1} | " +
            $"{server.AverageCpuPercent:N0}% / {server.MaxCpuPercent:N0}% | **{server.MaxRssMegabytes:N0} MB** |");
        report.AppendLine();
    }

    /// <summary>GET the sign-in form (antiforgery token + cookie), POST the demo viewer's credentials, keep the auth cookie.</summary>
    private static async Task<HttpClient> SignInAsync(Uri baseUrl)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = true };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        var form = await client.GetStringAsync(new Uri("/conta/entrar", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = Environment.GetEnvironmentVariable("BENCH_USER") ?? "viewer@ipaasmonitor.local",
            ["Input.Password"] = Environment.GetEnvironmentVariable("BENCH_PASSWORD") ?? "Viewer#2026",
        });
        using var response = await client.PostAsync(new Uri("/conta/entrar", UriKind.Relative), content);
        var page = await client.GetStringAsync(new Uri("/mensagens", UriKind.Relative));
        if (!page.Contains("mud-table", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in failed (status {(int)response.StatusCode}); is Auth__DemoAccounts=true?");
        }

        return client;
    }

    internal static List<string> Views(DateTime endUtc)
    {
        // Search values that exist in the generated store (same generator, same seed).
        return
        [
            "/mensagens",
            "/mensagens?diagrama=14&situacao=erro",
            "/mensagens?periodo=1h",
            "/mensagens?periodo=7d",
            "/mensagens?conexao=MODA-CENTRO",
            "/mensagens?conexao=VA-CUSTOMIZADA&situacao=erro",
            "/mensagens?busca=SKU000123",
            "/mensagens?busca=SKU000001",
            "/mensagens?busca=" + StoreShape.OrderId(500_000),
            "/mensagens?busca=a1b2",
            "/mensagens?situacao=processada&pagina=500",
            "/mensagens?de=" + Uri.EscapeDataString(endUtc.AddDays(-3).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>Samples the server process's CPU (utime + stime) and resident memory once a second.</summary>
    internal sealed class ServerSampler(int pid)
    {
        private readonly List<double> cpu = [];
        private long maxRssKb;

        public double AverageCpuPercent => cpu.Count == 0 ? double.NaN : cpu.Average();

        public double MaxCpuPercent => cpu.Count == 0 ? double.NaN : cpu.Max();

        public double MaxRssMegabytes => maxRssKb / 1024.0;

        public async Task RunAsync(DateTime stop)
        {
            var ticksPerSecond = 100.0; // USER_HZ on Linux
            var (lastCpu, lastAt) = (ReadCpuTicks(), Stopwatch.GetTimestamp());
            while (DateTime.UtcNow < stop)
            {
                await Task.Delay(1_000);
                var now = Stopwatch.GetTimestamp();
                var ticks = ReadCpuTicks();
                var seconds = Stopwatch.GetElapsedTime(lastAt, now).TotalSeconds;
                cpu.Add((ticks - lastCpu) / ticksPerSecond / seconds * 100.0);
                (lastCpu, lastAt) = (ticks, now);
                maxRssKb = Math.Max(maxRssKb, ReadRssKb());
            }
        }

        private long ReadCpuTicks()
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        private long ReadRssKb()
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
    }
}
