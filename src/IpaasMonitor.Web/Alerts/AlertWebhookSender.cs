using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Alerts;

/// <summary>
/// Posts one alert to a named incoming webhook as <c>{"text": "…"}</c>: the body Slack incoming webhooks and Microsoft
/// Teams incoming webhooks (and Teams workflows' "post to a channel when a webhook request is received") both accept.
/// Any 2xx is delivered; anything else is a failure the outbox retries.
/// </summary>
public sealed class AlertWebhookSender(IHttpClientFactory httpClients, IOptionsMonitor<AlertOptions> options)
{
    public const string HttpClientName = "alert-webhooks";

    public async Task SendAsync(string webhookName, string text, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Webhooks.TryGetValue(webhookName, out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"Webhook '{webhookName}' is not configured (Alerts:Webhooks:{webhookName}).");
        }

        using var client = httpClients.CreateClient(HttpClientName);
        client.Timeout = options.CurrentValue.SendTimeout;
        // A buffered body with its Content-Length: PostAsJsonAsync streams it chunked, which minimal receivers (and some
        // proxies in front of incoming webhooks) read as an empty post (seen with a plain receiver in the demo walk).
        using var content = new StringContent(JsonSerializer.Serialize(new WebhookBody(text)), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(uri, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Webhook '{webhookName}' answered HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }

    private sealed record WebhookBody(string text);
}
