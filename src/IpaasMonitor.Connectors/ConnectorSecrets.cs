using System.Reflection;

namespace IpaasMonitor.Connectors;

/// <summary>
/// The configuration keys that hold secrets, derived from <see cref="SecretAttribute"/> marks on the
/// options classes, e.g. <c>IpaasMonitor:Connections:*:Erp:ClientSecret</c> (<c>*</c> stands for a list index).
/// </summary>
public static class ConnectorSecrets
{
    private static readonly Lazy<IReadOnlyList<string>> Patterns = new(BuildPatterns);

    /// <summary>Configuration key patterns (':' separated, '*' for a list index) whose values are secrets.</summary>
    public static IReadOnlyList<string> ConfigurationKeyPatterns => Patterns.Value;

    /// <summary>The names of the HTTP headers that carry credentials; never log their values.</summary>
    public static IReadOnlyList<string> SensitiveHeaders { get; } =
        ["Authorization", "X-VTEX-API-AppKey", "X-VTEX-API-AppToken", "x-api-key"];

    /// <summary>True when the configuration key (either ':' or '__' separated) names a secret setting.</summary>
    public static bool IsSecretConfigurationKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Replace("__", ":", StringComparison.Ordinal).Split(':');
        return ConfigurationKeyPatterns.Any(pattern => Matches(pattern.Split(':'), parts));
    }

    /// <summary>True when the property carries <see cref="SecretAttribute"/>.</summary>
    public static bool IsSecret(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.GetCustomAttribute<SecretAttribute>() is not null;
    }

    private static bool Matches(string[] pattern, string[] key) =>
        pattern.Length == key.Length
        && pattern.Zip(key).All(p => p.First == "*"
            ? int.TryParse(p.Second, System.Globalization.CultureInfo.InvariantCulture, out _)
            : string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<string> BuildPatterns()
    {
        var result = new List<string>();
        Collect(typeof(IpaasMonitorOptions), IpaasMonitorOptions.SectionName, result, depth: 0);
        return result;
    }

    private static void Collect(Type type, string prefix, List<string> result, int depth)
    {
        if (depth > 6)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}:{property.Name}";
            if (IsSecret(property))
            {
                result.Add(key);
                continue;
            }

            var propertyType = property.PropertyType;
            if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(List<>))
            {
                Collect(propertyType.GetGenericArguments()[0], key + ":*", result, depth + 1);
            }
            else if (propertyType.IsClass && propertyType != typeof(string) && propertyType.Namespace?.StartsWith("IpaasMonitor", StringComparison.Ordinal) == true)
            {
                Collect(propertyType, key, result, depth + 1);
            }
        }
    }
}
