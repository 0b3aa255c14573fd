using System.Globalization;

namespace IpaasMonitor.E2ETests.Infrastructure;

/// <summary>What support staff should read for a stored UTC time: São Paulo local time, dd/MM/yyyy HH:mm.</summary>
public static class SaoPaulo
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    public static string Format(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
