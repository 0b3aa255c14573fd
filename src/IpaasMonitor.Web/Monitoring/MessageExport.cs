using System.Globalization;
using System.Text;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Security;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>
/// <c>GET /mensagens/exportar</c>: the grid's current filter (its own query string) as CSV, newest first. It is written
/// while it is read, a page of <see cref="PageSize"/> rows at a time (keyset paging, as the grid's "next"), so memory
/// stays flat whatever the size; it stops at <see cref="ExportOptions.MaxRows"/> and then says so in its last line and in
/// the <c>X-Export-Cut</c> header. Personal data in the error text is masked for everyone (an export leaves the
/// monitor, and nobody can reveal it there). Every export is audited with its filter and row count.
/// </summary>
public sealed class MessageExport(MessageQueries queries, ExportOptions options, AuditLog audit, UiText text, TimeProvider time)
{
    public const string Path = "/mensagens/exportar";
    public const string AuditAction = "export";
    public const string CutHeader = "X-Export-Cut";

    /// <summary>Rows read per query.</summary>
    public const int PageSize = MessageQueries.MaxPageSize;

    private const char Separator = ';';

    public int MaxRows => Math.Max(1, options.MaxRows);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = GridQuery.Parse(new Uri(new Uri("http://localhost"), context.Request.Path + context.Request.QueryString).ToString());
        var now = time.GetUtcNow().UtcDateTime;
        var filter = query.ToFilter(now);
        if (filter.FailureGroup is not null && !queries.SupportsFailureGroups)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: text["Export.NoGroups"]);
        }

        // Whether the export will be cut is known before the first byte: a count bounded by the limit.
        var cut = (await queries.CountAsync(filter, MaxRows, cancellationToken)).IsLowerBound;
        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"mensagens-{SaoPauloTime.ToLocal(now).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv\"";
        if (cut)
        {
            response.Headers[CutHeader] = MaxRows.ToString(CultureInfo.InvariantCulture);
        }

        var written = 0;
        var finished = false;
        try
        {
            written = await WriteAsync(response.Body, filter, cut, cancellationToken);
            finished = true;
        }
        finally
        {
            // Audited even when the client went away mid-way: what left is what was written.
            var user = context.User.Identity?.Name ?? "?";
            // The filter as the user gave it, with a searched CPF/CNPJ or e-mail masked: the audit keeps no document in clear.
            var filterText = PersonalDataMasker.MaskText(Uri.UnescapeDataString(context.Request.QueryString.Value ?? ""));
            var details = string.Create(CultureInfo.InvariantCulture, $"{written} linhas{(cut ? $" (limitada a {MaxRows})" : "")}{(finished ? "" : " (interrompida)")}; {filterText}");
            await audit.WriteAsync(user, AuditAction, "messages", null, details: details, cancellationToken: CancellationToken.None);
        }

        return Results.Empty;
    }

    /// <summary>Writes the header, the rows (at most <see cref="MaxRows"/>) and, when cut, the closing note; returns the rows written.</summary>
    public async Task<int> WriteAsync(Stream body, MessageFilter filter, bool cut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true)
        {
            NewLine = "\r\n", // RFC 4180
        };
        string[] header =
        [
            text["Col.Identifier"], text["Export.MessageId"], text["Filter.Connection"], text["Filter.Diagram"], text["Col.Integration"],
            text["Col.Situation"], text["Col.Component"], text["Export.BusinessKey"], text["Export.Correlation"], text["Col.ReceivedAt"],
            text["Export.UpdatedAt"], text["Export.Attempts"], text["Export.Error"],
        ];
        await writer.WriteLineAsync(Line([.. header.Select(h => h.ToUpper(UiText.NumberCulture))]));

        var written = 0;
        var request = MessagePageRequest.First(PageSize);
        while (written < MaxRows)
        {
            var page = await queries.GetPageAsync(filter, request with { PageSize = Math.Min(PageSize, MaxRows - written) }, cancellationToken);
            foreach (var row in page.Rows)
            {
                await writer.WriteLineAsync(Line(
                    row.ShortId,
                    row.MessageId.ToString(),
                    row.ConnectionId,
                    row.Diagram.ToString(CultureInfo.InvariantCulture),
                    DiagramCatalog.TryGet(row.Diagram, out var definition) ? definition.Label(row.ConnectionId) : "",
                    text[SituationInfo.LabelKey(row.Situation)],
                    row.Component,
                    row.BusinessKey,
                    row.CorrelationId,
                    SaoPauloTime.FormatSeconds(row.ReceivedAtUtc),
                    SaoPauloTime.FormatSeconds(row.UpdatedAtUtc),
                    row.AttemptCount.ToString(CultureInfo.InvariantCulture),
                    row.LastError is null ? null : PersonalDataMasker.MaskText(row.LastError)));
                written++;
            }

            await writer.FlushAsync(cancellationToken);
            if (!page.HasNext || page.LastCursor is not { } last)
            {
                break;
            }

            request = new MessagePageRequest { PageSize = PageSize, After = last };
        }

        if (cut)
        {
            await writer.WriteLineAsync(Line(text["Export.Cut", MaxRows]));
        }

        await writer.FlushAsync(cancellationToken);
        return written;
    }

    private static string Line(params string?[] fields) => string.Join(Separator, fields.Select(Field));

    /// <summary>Quoted when it holds the separator, a quote or a line break; a leading = + - @ is neutralised (CSV injection).</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([Separator, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
