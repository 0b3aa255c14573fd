namespace IpaasMonitor.Sandbox.Infrastructure;

internal static class SandboxRouteExtensions
{
    /// <summary>Maps one fake-API route with its <see cref="SandboxRoute"/> metadata (used by the filter).</summary>
    public static RouteHandlerBuilder MapSandbox(this RouteGroupBuilder group, SandboxGroup family, string method, string shortName, string template, Delegate handler) =>
        group.MapMethods(template, [method], handler)
            .WithMetadata(family.Route(method, shortName, template))
            .WithDisplayName($"{family.System}:{method} {template}");
}
