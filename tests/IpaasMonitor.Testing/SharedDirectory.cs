namespace IpaasMonitor.Testing;

/// <summary>
/// Finds the project's <c>shared/</c> folder (design notes, reference OpenAPI files): the IPAAS_SHARED_DIR environment
/// variable when set, otherwise the first <c>shared/</c> with <c>reference/vtex-openapi</c> found walking up from the
/// test binaries (it sits beside the repository clone).
/// </summary>
public static class SharedDirectory
{
    public const string EnvironmentVariable = "IPAAS_SHARED_DIR";

    private static readonly string OpenApiRelative = Path.Combine("reference", "vtex-openapi");

    public static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (Directory.Exists(Path.Combine(fromEnvironment, OpenApiRelative)))
            {
                return fromEnvironment;
            }

            throw new DirectoryNotFoundException(
                $"{EnvironmentVariable}='{fromEnvironment}' has no {OpenApiRelative} folder.");
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, OpenApiRelative)))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No shared/{OpenApiRelative.Replace('\\', '/')} above {AppContext.BaseDirectory}; set {EnvironmentVariable}.");
    }

    public static string VtexOpenApiDirectory => Path.Combine(Locate(), OpenApiRelative);
}
