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
    private readonly ILogger logger;

    internal ErpClient(Func<HttpClient> createClient, ErpTokenProvider tokens, ErpOptions options, string connectionId, ILogger logger)
    {
        this.createClient = createClient;
        this.tokens = tokens;
        this.options = options;
        ConnectionId = connectionId;
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
    public async IAsyncEnumerable<ErpItem<TItem>> SearchAllAsync<TItem>(
        string path,
        ErpSearchSpec spec,
        int? pageSize = null,
        int maxPages = DefaultMaxPages,
        bool skipUnreadablePages = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var size = pageSize ?? options.PageSize;
        var knownTotalPages = 0;
        var unreadableInARow = 0;
        for (var page = 1; ; page++)
        {
            if (page > maxPages)
            {
                var call = new ConnectorCall(ConnectorSystem.Erp, ConnectionId, HttpMethod.Post, path);
                throw new ErpException(call.Failure(
                    ConnectorErrorKind.Permanent, "paginação interrompida", $"hasNext ainda verdadeiro após {maxPages} páginas"));
            }

            ErpPage<TItem> result;
            if (skipUnreadablePages)
            {
                var (read, unreadable) = await TrySearchAsync<TItem>(path, spec, page, size, cancellationToken);
                if (unreadable is not null)
                {
                    yield return ErpItem<TItem>.UnreadablePage(page, unreadable.Failure.ResponseExcerpt ?? "", unreadable.Failure.RemoteMessage ?? unreadable.Message);
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
            knownTotalPages = Math.Max(knownTotalPages, result.TotalPages);
            foreach (var item in result.Items)
            {
                yield return item;
            }

            if (!result.HasNext)
            {
                yield break;
            }

            if (result.Items.Count == 0)
            {
                var call = new ConnectorCall(ConnectorSystem.Erp, ConnectionId, HttpMethod.Post, path);
                throw new ErpException(call.Failure(
                    ConnectorErrorKind.Permanent, "paginação interrompida", $"página {page} vazia com hasNext verdadeiro"));
            }
        }
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
