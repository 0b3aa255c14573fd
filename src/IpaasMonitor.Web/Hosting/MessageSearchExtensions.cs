using System.Security.Cryptography;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Web.Monitoring;

namespace IpaasMonitor.Web.Hosting;

/// <summary>
/// The grid's search and export settings (ADR-019): <c>Search:ErrorScanRows</c>, <c>Search:MaxDocumentOrders</c>,
/// <c>Export:MaxRows</c>, and the secret key of the CPF/CNPJ search's hashes, <c>Search:DocumentKey</c> (base64, at least
/// 32 bytes). Outside the embedded demo the key must be configured: the app refuses to start without one. The demo
/// generates one on first start and keeps it in <c>data/document-search.key</c> under the content root.
/// </summary>
public static class MessageSearchExtensions
{
    public const string DocumentKeySetting = "Search:DocumentKey";
    public const string DemoKeyFile = "document-search.key";

    public static IServiceCollection AddMessageSearch(this IServiceCollection services, IConfiguration configuration, string contentRoot, bool embeddedDemo)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(configuration.GetSection(MessageSearchOptions.SectionName).Get<MessageSearchOptions>() ?? new MessageSearchOptions());
        services.AddSingleton(configuration.GetSection(ExportOptions.SectionName).Get<ExportOptions>() ?? new ExportOptions());
        services.AddSingleton(new CustomerDocumentHasher(ResolveKey(configuration[DocumentKeySetting], contentRoot, embeddedDemo)));
        return services;
    }

    /// <summary>The configured key; in the demo without one, the key kept under <c>data/</c> (made on first use).</summary>
    public static byte[] ResolveKey(string? configured, string contentRoot, bool embeddedDemo)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Parse(configured, DocumentKeySetting);
        }

        if (!embeddedDemo)
        {
            throw new InvalidOperationException(
                $"{DocumentKeySetting} is required outside the embedded demo: the secret key (base64, at least " +
                $"{CustomerDocumentHasher.MinimumKeyBytes} bytes, e.g. `openssl rand -base64 32`) of the CPF/CNPJ search's hashes " +
                "(environment variable Search__DocumentKey). Keep it: a new key makes the documents of earlier orders unsearchable.");
        }

        var folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, DemoKeyFile);
        if (!File.Exists(file))
        {
            try
            {
                using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(CustomerDocumentHasher.MinimumKeyBytes)));
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another process of the demo made it first: use theirs.
            }
        }

        return Parse(File.ReadAllText(file), file);
    }

    private static byte[] Parse(string text, string source)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length >= CustomerDocumentHasher.MinimumKeyBytes)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // Reported below with the setting's name.
        }

        throw new InvalidOperationException($"{source} must be base64 of at least {CustomerDocumentHasher.MinimumKeyBytes} random bytes (e.g. `openssl rand -base64 32`).");
    }
}
