using System.Text.Json;
using IpaasMonitor.Connectors.Http;

namespace IpaasMonitor.Connectors.Erp;

/// <summary>Single TOTVS calls (not searches): POST a JSON body or GET, and read the JSON answer.</summary>
internal static class ErpCalls
{
    public static async Task<JsonElement> PostAsync(ErpClient client, string path, object body, bool safeToRepeat, CancellationToken cancellationToken)
    {
        var call = new ConnectorCall(ConnectorSystem.Erp, client.ConnectionId, HttpMethod.Post, path);
        using var response = await client.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, path) { Content = ConnectorHttp.JsonBody(body, body.GetType(), ErpJson.Options) }.MarkSafeToRepeat(safeToRepeat),
            call,
            cancellationToken);
        return await ReadAsync(response, call, cancellationToken);
    }

    public static async Task<JsonElement> GetAsync(ErpClient client, string pathAndQuery, CancellationToken cancellationToken)
    {
        var call = new ConnectorCall(ConnectorSystem.Erp, client.ConnectionId, HttpMethod.Get, pathAndQuery.Split('?')[0]);
        using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, pathAndQuery), call, cancellationToken);
        return await ReadAsync(response, call, cancellationToken);
    }

    public static T Read<T>(JsonElement element, string path, string connectionId)
    {
        try
        {
            return element.Deserialize<T>(ErpJson.Options) ?? throw new JsonException("corpo vazio (null)");
        }
        catch (JsonException ex)
        {
            var call = new ConnectorCall(ConnectorSystem.Erp, connectionId, HttpMethod.Post, path);
            throw ConnectorHttp.Unreadable(call, System.Net.HttpStatusCode.OK, ex.Message, element.GetRawText(), ex);
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, ConnectorCall call, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw ConnectorHttp.Unreadable(call, response.StatusCode, ex.Message, text, ex);
        }
    }
}
