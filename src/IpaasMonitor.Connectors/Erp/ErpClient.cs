using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using IpaasMonitor.Connectors.Http;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Connectors.Erp;

/// <summary>
/// TOTVS Moda API v2 for one connection: bearer token handling (cached, renewed early, dropped and retried once on
/// 401) and the generic <c>POST …/search</c> with its paging envelope. Module-specific searches are extension
/// methods next to their DTOs (e.g. <see cref="Product.ErpBrandSearch"/>). Obtain it from <see cref="ConnectorFactory"/>.
/// </summary>
public sealed class ErpClient
{
    /// <summary>Stops a search whose <c>hasNext</c> never turns false.</summary>
    public const int DefaultMaxPages = 10_000;

    private readonly Func<HttpClient> createClient;
    private readonly ErpTokenProvider tokens;
    private readonly ErpOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    internal ErpClient(Func<HttpClient> createClient, ErpTokenProvider tokens, ErpOptions options, string connectionId, TimeProvider time, ILogger logger)
    {
        this.createClient = createClient;
        this.tokens = tokens;
        this.options = options;
        ConnectionId = connectionId;
        this.time = time;
        this.logger = logger;
    }

    public string ConnectionId { get; }

    /// <summary>The page size configured for this connection (<see cref="ErpOptions.PageSize"/>).</summary>
    public int DefaultPageSize => options.PageSize;

    /// <summary>
    /// One page of <c>POST {path}</c> with the body <c>{filter, option, order, page, pageSize}</c>. Items are parsed one
    /// by one (see <see cref="ErpItem{T}"/>); a body that is not a readable envelope throws an <see cref="ErpException"/>.
    /// Search POSTs are reads, so they are retried like GETs.
    /// </summary>
    /// <param name="path">Relative to the base address, e.g. <c>api/totvsmoda/product/v2/brands/search</c>.</param>
    /// <param name="page">1-based page index.</param>
    public Task<ErpPage<TItem>> SearchAsync<TItem>(
        string path, object filter, object? option, string? order, int page, int pageSize, CancellationToken cancellationToken = default) =>
        SearchAsync<TItem>(path, new ErpSearchSpec(filter, option, order), page, pageSize, cancellationToken);

    /// <summary>One page of a search described by <paramref name="spec"/> (which may ask to <c>expand</c> sub-objects).</summary>
    public async Task<ErpPage<TItem>> SearchAsync<TItem>(string path, ErpSearchSpec spec, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(spec);
        var filter = spec.Filter;
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);

        var call = new ConnectorCall(ConnectorSystem.Erp, ConnectionId, HttpMethod.Post, path);
        var envelope = new ErpSearchRequest(filter, spec.Option, spec.Order, page, pageSize, spec.Expand);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, path) { Content = ConnectorHttp.JsonBody(envelope, ErpJson.Options) }.MarkSafeToRepeat(),
            call,
            cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return ErpPageReader.Read<TItem>(body, page, call, response.StatusCode);
    }

    /// <summary>
    /// Every item of a search, page after page (from page 1) while <c>hasNext</c> is true. An unreadable page stops
    /// the enumeration with an <see cref="ErpException"/> naming the page; an unreadable item is yielded as invalid.
    /// </summary>
    public IAsyncEnumerable<ErpItem<TItem>> SearchAllAsync<TItem>(
        string path,
        object filter,
        object? option = null,
        string? order = null,
        int? pageSize = null,
        int maxPages = DefaultMaxPages,
        CancellationToken cancellationToken = default) =>
        SearchAllAsync<TItem>(path, new ErpSearchSpec(filter, option, order), pageSize, maxPages, cancellationToken: cancellationToken);

    /// <summary>
    /// Every item of a search described by <paramref name="spec"/>, page after page (see the other overload). With
    /// <paramref name="skipUnreadablePages"/>, an unreadable page (a 2xx whose body is not the search envelope) does not
    /// throw: it is yielded as one invalid item with <see cref="ErpItem{T}.IsUnreadablePage"/>, and the search goes on
    /// with the next page while the last readable page said there were more (or once, when the first page is broken).
    /// </summary>
    /// <remarks>
    /// Paging is bounded (ADR-016): a page that repeats an earlier one, <c>hasNext</c> still true on or after the last
    /// page the ERP announced (<c>totalPages</c>), an empty page that says <c>hasNext</c>, more than
    /// <paramref name="maxPages"/> pages (<see cref="ErpOptions.MaxPages"/> when smaller) or a search longer than
    /// <see cref="ErpOptions.PagingTimeLimit"/> stop it with a readable reason: yielded as an unreadable page with
    /// <paramref name="skipUnreadablePages"/>, thrown as an <see cref="ErpException"/> otherwise. The items of a
    /// repeated page are not yielded again.
    /// </remarks>
    public async IAsyncEnumerable<ErpItem<TItem>> SearchAllAsync<TItem>(
        string path,
        ErpSearchSpec spec,
        int? pageSize = null,
        int maxPages = DefaultMaxPages,
        bool skipUnreadablePages = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var size = pageSize ?? options.PageSize;
        var pageLimit = Math.Min(maxPages, options.MaxPages);
        var started = time.GetTimestamp();
        var knownTotalPages = 0;
        var unreadableInARow = 0;
        var seenPages = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            string? stop = null;
            if (page > pageLimit)
            {
                stop = $"hasNext ainda verdadeiro após {pageLimit.ToString(CultureInfo.InvariantCulture)} páginas (limite Erp:MaxPages); esperado hasNext=false antes disso";
            }
            else if (page > 1 && time.GetElapsedTime(started) > options.PagingTimeLimit)
            {
                stop = $"a paginação passou do limite de {options.PagingTimeLimit.ToString("c", CultureInfo.InvariantCulture)} (Erp:PagingTimeLimit) na página {page.ToString(CultureInfo.InvariantCulture)}; esperado hasNext=false antes disso";
            }

            if (stop is not null)
            {
                if (!skipUnreadablePages)
                {
                    throw PagingStopped(path, stop);
                }

                yield return ErpItem<TItem>.UnreadablePage(page, "", stop);
                yield break;
            }

            ErpPage<TItem> result;
            if (skipUnreadablePages)
            {
                var (read, unreadable) = await TrySearchAsync<TItem>(path, spec, page, size, cancellationToken);
                if (unreadable is not null)
                {
                    yield return ErpItem<TItem>.UnreadablePage(
                        page, unreadable.Failure.ResponseExcerpt ?? "", unreadable.Failure.RemoteMessage ?? unreadable.Message, unreadable.InnerException?.Message);
                    unreadableInARow++;
                    var more = knownTotalPages > page || (knownTotalPages == 0 && page == 1);
                    if (!more || unreadableInARow >= 3)
                    {
                        yield break;
                    }

                    continue;
                }

                result = read!;
            }
            else
            {
                result = await SearchAsync<TItem>(path, spec, page, size, cancellationToken);
            }

            unreadableInARow = 0;
            var fingerprint = result.Items.Count > 0 ? Fingerprint(result) : null;
            if (fingerprint is not null && seenPages.TryGetValue(fingerprint, out var earlier))
            {
                // A repeated page: its items were yielded already.
                stop = $"a página {page.ToString(CultureInfo.InvariantCulture)} repete a página {earlier.ToString(CultureInfo.InvariantCulture)} (os mesmos {result.Items.Count.ToString(CultureInfo.InvariantCulture)} itens); esperado uma página nova a cada número";
                if (!skipUnreadablePages)
                {
                    throw PagingStopped(path, stop);
                }

                yield return ErpItem<TItem>.UnreadablePage(page, "", stop);
                yield break;
            }

            if (fingerprint is not null)
            {
                seenPages[fingerprint] = page;
            }

            stop = PagingProblem(result, page);

            knownTotalPages = Math.Max(knownTotalPages, result.TotalPages);
            foreach (var item in result.Items)
            {
                yield return item;
            }

            if (stop is not null)
            {
                if (!skipUnreadablePages)
                {
                    throw PagingStopped(path, stop);
                }

                yield return ErpItem<TItem>.UnreadablePage(page, "", stop);
                yield break;
            }

            if (!result.HasNext)
            {
                yield break;
            }
        }
    }

    /// <summary>Why paging must stop after this page (still with <c>hasNext</c>), in words for the analyst; null when it may go on.</summary>
    private static string? PagingProblem<TItem>(ErpPage<TItem> result, int page)
    {
        var number = page.ToString(CultureInfo.InvariantCulture);
        if (!result.HasNext)
        {
            return null;
        }

        if (result.Items.Count == 0)
        {
            return $"página {number} vazia com hasNext verdadeiro; esperado hasNext=false na última página";
        }

        return result.TotalPages > 0 && page >= result.TotalPages
            ? $"a página {number} diz hasNext=true, mas o ERP anunciou totalPages={result.TotalPages.ToString(CultureInfo.InvariantCulture)}; esperado hasNext=false na última página"
            : null;
    }

    /// <summary>The page's items as received, hashed: two pages with the same items are the same page.</summary>
    private static string Fingerprint<TItem>(ErpPage<TItem> result)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var item in result.Items)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(item.RawJson));
            hash.AppendData([0]);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private ErpException PagingStopped(string path, string reason)
    {
        var call = new ConnectorCall(ConnectorSystem.Erp, ConnectionId, HttpMethod.Post, path);
        return new ErpException(call.Failure(ConnectorErrorKind.Permanent, "paginação interrompida", reason));
    }

    /// <summary>One page, or the exception saying its (successful) body could not be read; HTTP failures still throw.</summary>
    private async Task<(ErpPage<TItem>? Page, ErpException? Unreadable)> TrySearchAsync<TItem>(
        string path, ErpSearchSpec spec, int page, int pageSize, CancellationToken cancellationToken)
    {
        var call = new ConnectorCall(ConnectorSystem.Erp, ConnectionId, HttpMethod.Post, path);
        var envelope = new ErpSearchRequest(spec.Filter, spec.Option, spec.Order, page, pageSize, spec.Expand);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, path) { Content = ConnectorHttp.JsonBody(envelope, ErpJson.Options) }.MarkSafeToRepeat(),
            call,
            cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return (ErpPageReader.Read<TItem>(body, page, call, response.StatusCode), null);
        }
        catch (ErpException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>
    /// Sends an authorized request built by <paramref name="createRequest"/> (called again for the retry after a 401)
    /// and throws an <see cref="ErpException"/> for any error status. The caller disposes the response.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest, ConnectorCall call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(cancellationToken);
            using var request = createRequest();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
            var response = await ConnectorHttp.SendAsync(createClient(), request, call, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                // The server may revoke a token before expires_in: drop it and try once with a new one.
                logger.LogWarning(
                    "ERP refused the token for connection {ConnectionId} on {Method} {Path}; requesting a new one",
                    ConnectionId, call.Method, call.Path);
                response.Dispose();
                tokens.Invalidate(token);
                continue;
            }

            using (response)
            {
                throw await ConnectorHttp.ExceptionFromResponseAsync(response, call, cancellationToken);
            }
        }
    }
}
