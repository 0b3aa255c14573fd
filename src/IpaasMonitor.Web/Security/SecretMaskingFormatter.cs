using Serilog.Events;
using Serilog.Formatting;

namespace IpaasMonitor.Web.Security;

/// <summary>
/// Wraps a Serilog formatter and replaces every configured secret (ERP passwords and client secrets, VTEX keys and
/// tokens, connection-string passwords) with ***, whatever a developer logged: a message, an exception or a whole
/// options object. Masking the rendered text, not chosen properties, is what makes it hold for code written later.
/// </summary>
public sealed class SecretMaskingFormatter(ITextFormatter inner, IReadOnlyCollection<string> secrets) : ITextFormatter
{
    private readonly string[] secrets = [.. secrets.Where(s => s.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (secrets.Length == 0)
        {
            inner.Format(logEvent, output);
            return;
        }

        using var buffer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        inner.Format(logEvent, buffer);
        var text = buffer.ToString();
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        output.Write(text);
    }

    /// <summary>The secret values present in configuration: keys that name a secret, and passwords inside connection strings.</summary>
    public static IReadOnlyCollection<string> SecretsIn(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var last = key[(key.LastIndexOf(':') + 1)..];

            // Alert webhooks (Alerts:Webhooks:{name}): the URL is the secret (Slack and Teams put the token in its path).
            if (SecretKeys.Any(k => string.Equals(k, last, StringComparison.OrdinalIgnoreCase))
                || key.StartsWith(WebhooksSection, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(value);
            }

            if (last.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var part in value.Split(';'))
                {
                    var kv = part.Split('=', 2);
                    if (kv.Length == 2 && (kv[0].Trim().Equals("Password", StringComparison.OrdinalIgnoreCase) || kv[0].Trim().Equals("Pwd", StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add(kv[1].Trim());
                    }
                }
            }
        }

        return found;
    }

    private const string WebhooksSection = "Alerts:Webhooks:";

    private static readonly string[] SecretKeys = ["ClientSecret", "Password", "AppKey", "AppToken", "ApiKey", "Secret", "Token", "MSSQL_SA_PASSWORD"];
}
