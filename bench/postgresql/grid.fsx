// Times the grid's real queries (MessageQueries on Npgsql) against a PostgreSQL store made by generate-1m.sql.
// Run after a Release build of tests/IpaasMonitor.IntegrationTests (its output folder has every assembly needed):
//   dotnet fsi bench/postgresql/grid.fsx      (connection string below: the bench cluster on port 45432)
#I "../../artifacts/bin/IpaasMonitor.IntegrationTests/release"
#r "Microsoft.EntityFrameworkCore.dll"
#r "Microsoft.EntityFrameworkCore.Relational.dll"
#r "Npgsql.dll"
#r "Npgsql.EntityFrameworkCore.PostgreSQL.dll"
#r "Microsoft.AspNetCore.Identity.EntityFrameworkCore.dll"
#r "IpaasMonitor.Data.dll"
open System
open System.Diagnostics
open System.Linq
open Microsoft.EntityFrameworkCore
open IpaasMonitor.Data
open IpaasMonitor.Data.Entities
open IpaasMonitor.Data.Monitoring

let cs = "Host=127.0.0.1;Port=45432;Username=postgres;Database=bench;Pooling=true"
let b = DbContextOptionsBuilder<IpaasDbContext>()
DataServiceCollectionExtensions.Configure(b, DatabaseProvider.PostgreSql, cs)
let opts = b.Options
type F() =
    interface IDbContextFactory<IpaasDbContext> with
        member _.CreateDbContext() = new IpaasDbContext(opts)
let q = MessageQueries(F())
let sample =
    use db = new IpaasDbContext(opts)
    db.Messages.AsNoTracking().Where(fun m -> m.Id % 99991L = 7L).Select(fun m -> m.MessageId).ToList() |> Seq.toArray
let skuKey = "SKU001234"
let orderKey = "v1012345-01"
let filters : (string * MessageFilter) list = [
    "none", MessageFilter.None
    "failed", MessageFilter(Situations = [| MessageSituation.Failed |])
    "failed+requeued", MessageFilter(Situations = [| MessageSituation.Failed; MessageSituation.Requeued |])
    "connection", MessageFilter(ConnectionId = "MODA-CENTRO")
    "connection+diagram+failed", MessageFilter(ConnectionId = "VA-CUSTOMIZADA", Diagrams = [| 14 |], Situations = [| MessageSituation.Failed |])
    "diagram", MessageFilter(Diagrams = [| 14 |])
    "five-diagrams", MessageFilter(Diagrams = [| 1; 2; 9; 14; 30 |])
    "last-24h", MessageFilter(ReceivedFromUtc = Nullable(DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc)))
    "search-sku", MessageFilter(Search = skuKey)
    "search-order", MessageFilter(Search = orderKey)
    "search-shortid", MessageFilter(Search = (string sample[0]).Substring(0, 6)) ]
let pct (xs: float[]) p = let s = Array.sort xs in s[min (s.Length - 1) (int (ceil (p * float s.Length)) - 1)]
let time n (f: unit -> unit) =
    for _ in 1..3 do f ()
    [| for _ in 1..n -> let w = Stopwatch.StartNew() in f (); w.Elapsed.TotalMilliseconds |]
printfn "%-28s %8s %8s %8s" "query (first page of 50)" "p50 ms" "p95 ms" "max ms"
for (name, f) in filters do
    let xs = time 40 (fun () -> q.GetPageAsync(f, MessagePageRequest.First(50), Threading.CancellationToken.None).GetAwaiter().GetResult() |> ignore)
    printfn "%-28s %8.2f %8.2f %8.2f" name (pct xs 0.5) (pct xs 0.95) (Array.max xs)
for (name, f) in filters |> List.filter (fun (n, _) -> n = "none" || n = "connection+diagram+failed" || n = "search-sku") do
    let xs = time 20 (fun () -> q.CountBySituationAsync(f, 1000, Threading.CancellationToken.None).GetAwaiter().GetResult() |> ignore)
    printfn "%-28s %8.2f %8.2f %8.2f" ("counts " + name) (pct xs 0.5) (pct xs 0.95) (Array.max xs)
let mutable k = 0
let xs = time 60 (fun () -> k <- k + 1; q.GetDetailAsync(sample[k % sample.Length], Threading.CancellationToken.None).GetAwaiter().GetResult() |> ignore)
printfn "%-28s %8.2f %8.2f %8.2f" "detail" (pct xs 0.5) (pct xs 0.95) (Array.max xs)
for (name, f) in filters |> List.filter (fun (n, _) -> n = "connection" || n = "search-sku") do
    let sqls = q.DescribeFirstPageAsync(f, 50, Threading.CancellationToken.None).GetAwaiter().GetResult()
    printfn "== %s: %d branches\n%s" name sqls.Count sqls[0]
