using System.Globalization;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>
/// A diagram's cron schedule in words, in pt-BR or English: "a cada 15 minutos", "todo dia às 03:00". Covers the
/// shapes the catalogue and the settings use (every minute, every N minutes from minute M, hourly at a minute, daily at
/// a time, a few fixed minutes); anything else is shown as the expression itself. Times are São Paulo's, as the
/// schedules are (DiagramSchedule).
/// </summary>
public static class CronText
{
    public static string Describe(string cron, bool english)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var parts = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5 || parts[2] != "*" || parts[3] != "*" || parts[4] != "*")
        {
            return Fallback(cron, english);
        }

        var (minute, hour) = (parts[0], parts[1]);
        if (hour == "*")
        {
            if (minute == "*")
            {
                return english ? "every minute" : "a cada minuto";
            }

            if (TryStep(minute, out var step, out var from))
            {
                var every = step == 1
                    ? (english ? "every minute" : "a cada minuto")
                    : english ? $"every {step} minutes" : $"a cada {step} minutos";
                return from == 0 ? every : english ? $"{every}, from minute {from}" : $"{every}, a partir do minuto {from}";
            }

            if (TryNumber(minute, 59, out var at))
            {
                return english ? $"every hour at minute {at:00}" : $"a cada hora, no minuto {at:00}";
            }

            if (TryList(minute, 59, out var minutes))
            {
                var list = string.Join(", ", minutes.Select(m => m.ToString("00", CultureInfo.InvariantCulture)));
                return english ? $"every hour at minutes {list}" : $"a cada hora, nos minutos {list}";
            }

            return Fallback(cron, english);
        }

        if (TryNumber(minute, 59, out var m2) && TryNumber(hour, 23, out var h))
        {
            return english ? $"every day at {h:00}:{m2:00}" : $"todo dia às {h:00}:{m2:00}";
        }

        if (TryNumber(minute, 59, out var m3) && TryList(hour, 23, out var hours))
        {
            var list = string.Join(", ", hours.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x:00}:{m3:00}")));
            return english ? $"every day at {list}" : $"todo dia às {list}";
        }

        return Fallback(cron, english);
    }

    private static string Fallback(string cron, bool english) => english ? $"cron {cron}" : $"cron {cron}";

    // "*/N" or "A-59/N" (or "A-B/N").
    private static bool TryStep(string field, out int step, out int from)
    {
        step = 0;
        from = 0;
        var slash = field.Split('/');
        if (slash.Length != 2 || !int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
        {
            return false;
        }

        if (slash[0] == "*")
        {
            return true;
        }

        var range = slash[0].Split('-');
        return range.Length == 2 && TryNumber(range[0], 59, out from) && TryNumber(range[1], 59, out var to) && to == 59;
    }

    private static bool TryNumber(string field, int max, out int value) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max;

    private static bool TryList(string field, int max, out List<int> values)
    {
        values = [];
        foreach (var item in field.Split(','))
        {
            if (!TryNumber(item, max, out var v))
            {
                return false;
            }

            values.Add(v);
        }

        return values.Count > 1;
    }
}
