using System.Globalization;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Catalog;
using Microsoft.AspNetCore.WebUtilities;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>
/// The grid's whole state as it appears in the URL, so a link reproduces the view:
/// <c>?conexao=&amp;diagrama=&amp;area=&amp;situacao=erro,reenfileirada&amp;periodo=24h&amp;de=&amp;ate=&amp;busca=&amp;grupo=&amp;retidasPor=&amp;pagina=&amp;tamanho=</c>.
/// <c>periodo</c> (1h, 24h, 7d) is relative to now; <c>de</c>/<c>ate</c> are São Paulo local times (yyyy-MM-ddTHH:mm), <c>ate</c>
/// naming a minute that is included; <c>grupo</c> is a failure group's key (<see cref="MessageFilter.FailureGroup"/>);
/// <c>retidasPor</c> a failure group whose held waits are listed (<see cref="MessageFilter.HeldByGroup"/>).
/// The export (<c>/mensagens/exportar</c>) reads the same parameters.
/// </summary>
public sealed record GridQuery
{
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100];

    public static readonly IReadOnlyList<string> Periods = ["1h", "24h", "7d"];

    public string? Connection { get; init; }

    public int? Diagram { get; init; }

    /// <summary>The diagrams of an area (<c>area=estoque</c>), as the overview's links ask; a diagram given too wins.</summary>
    public DiagramArea? Area { get; init; }

    public IReadOnlyList<MessageSituation> Situations { get; init; } = [];

    public string? Period { get; init; }

    public DateTime? FromUtc { get; init; }

    public DateTime? ToUtc { get; init; }

    public string? Search { get; init; }

    /// <summary>A failure group's key (<c>grupo</c>), for the failure-group page's links and exports.</summary>
    public string? Group { get; init; }

    /// <summary>A failure group whose held waits are listed (<c>retidasPor</c>), the link of a parent group's held count.</summary>
    public string? HeldBy { get; init; }

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 25;

    /// <summary>The same view on its first page: what decides whether selection and cursors still apply.</summary>
    public string FilterKey => string.Join('|', Connection, Diagram, Area, string.Join(',', Situations.Order()), Period, FromUtc?.Ticks, ToUtc?.Ticks, Search, Group, HeldBy, PageSize);

    public static GridQuery Parse(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Get(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

        var situations = (Get("situacao") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => SituationInfo.TryParse(s, out var situation) ? situation : (MessageSituation?)null)
            .OfType<MessageSituation>().Distinct().ToList();
        var period = Get("periodo");
        var size = int.TryParse(Get("tamanho"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && PageSizes.Contains(s) ? s : 25;
        var page = int.TryParse(Get("pagina"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        return new GridQuery
        {
            Connection = Get("conexao"),
            Diagram = int.TryParse(Get("diagrama"), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null,
            Area = AreaInfo.TryParse(Get("area"), out var area) ? area : null,
            Situations = situations,
            Period = period is not null && Periods.Contains(period) ? period : null,
            FromUtc = SaoPauloTime.FromUrl(Get("de")),
            ToUtc = SaoPauloTime.FromUrl(Get("ate")),
            Search = Security.InputLimits.Cut(Get("busca"), Security.InputLimits.Search),
            Group = Security.InputLimits.Cut(Get("grupo"), Security.InputLimits.Search),
            HeldBy = Security.InputLimits.Cut(Get("retidasPor"), Security.InputLimits.Search),
            Page = page,
            PageSize = size,
        };
    }

    /// <summary>Query parameters for <c>NavigationManager.GetUriWithQueryParameters</c>; null removes a parameter.</summary>
    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>
    {
        ["conexao"] = Connection,
        ["diagrama"] = Diagram?.ToString(CultureInfo.InvariantCulture),
        ["area"] = Area is { } area ? AreaInfo.Slug(area) : null,
        ["situacao"] = Situations.Count == 0 ? null : string.Join(',', Situations.Select(SituationInfo.Slug)),
        ["periodo"] = Period,
        ["de"] = Period is null && FromUtc is { } from ? SaoPauloTime.ToUrl(from) : null,
        ["ate"] = Period is null && ToUtc is { } to ? SaoPauloTime.ToUrl(to) : null,
        ["busca"] = Search,
        ["grupo"] = Group,
        ["retidasPor"] = HeldBy,
        ["pagina"] = Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null,
        ["tamanho"] = PageSize != 25 ? PageSize.ToString(CultureInfo.InvariantCulture) : null,
    };

    public MessageFilter ToFilter(DateTime nowUtc)
    {
        var (from, to) = Period switch
        {
            "1h" => (nowUtc.AddHours(-1), (DateTime?)null),
            "24h" => (nowUtc.AddHours(-24), null),
            "7d" => (nowUtc.AddDays(-7), null),
            // "Até" names a minute and includes it: the filter's bound is exclusive.
            _ => (FromUtc, ToUtc?.AddMinutes(1)),
        };
        return new MessageFilter
        {
            ConnectionId = Connection,
            Diagrams = Diagram is { } d ? [d] : Area is { } a ? [.. DiagramCatalog.InArea(a).Select(x => x.Number)] : [],
            Situations = Situations,
            ReceivedFromUtc = from,
            ReceivedToUtc = to,
            Search = Search,
            FailureGroup = Group,
            HeldByGroup = HeldBy,
        };
    }
}
