using IpaasMonitor.Data.Entities;
using MudBlazor;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>How each situation looks and how it is written in the URL (pt-BR slugs, stable across UI languages).</summary>
public static class SituationInfo
{
    private static readonly Dictionary<MessageSituation, string> Slugs = new()
    {
        [MessageSituation.Received] = "recebida",
        [MessageSituation.Processing] = "processando",
        [MessageSituation.Processed] = "processada",
        [MessageSituation.Failed] = "erro",
        [MessageSituation.Requeued] = "reenfileirada",
        [MessageSituation.Discarded] = "descartada",
        [MessageSituation.Resolved] = "resolvida",
    };

    private static readonly Dictionary<string, MessageSituation> BySlug =
        Slugs.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The order of the count chips: what needs attention first.</summary>
    public static IReadOnlyList<MessageSituation> DisplayOrder { get; } =
    [
        MessageSituation.Failed, MessageSituation.Requeued, MessageSituation.Processing,
        MessageSituation.Received, MessageSituation.Processed, MessageSituation.Resolved, MessageSituation.Discarded,
    ];

    public static string Slug(MessageSituation situation) => Slugs[situation];

    public static bool TryParse(string? slug, out MessageSituation situation)
    {
        situation = default;
        return slug is not null && BySlug.TryGetValue(slug.Trim(), out situation);
    }

    public static Color Color(MessageSituation situation) => situation switch
    {
        MessageSituation.Processed => MudBlazor.Color.Success,
        MessageSituation.Failed => MudBlazor.Color.Error,
        MessageSituation.Requeued => MudBlazor.Color.Warning,
        MessageSituation.Processing => MudBlazor.Color.Info,
        MessageSituation.Discarded => MudBlazor.Color.Dark,
        MessageSituation.Resolved => MudBlazor.Color.Secondary,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>The localisation key of the situation's label.</summary>
    public static string LabelKey(MessageSituation situation) => "Situation." + situation;
}
