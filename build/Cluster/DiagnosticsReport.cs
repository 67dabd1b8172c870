using System.Globalization;
using System.Text;

namespace Cluster;

/// <summary>Formats what Diagnose collected into the text a person reads first after a failed deploy: a pod table,
/// the containers that are failing, recent Warning events, and the logs of failing containers.</summary>
public static class DiagnosticsReport
{
    public const int LogLines = 50;
    public const int Events = 20;

    public static string Format(
        string ns,
        string release,
        IReadOnlyList<PodDiagnosis> pods,
        IReadOnlyList<WarningEvent> events,
        IReadOnlyList<ContainerLog> logs)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(logs);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Release '{release}' in namespace '{ns}'");
        text.AppendLine();

        if (pods.Count == 0)
        {
            text.AppendLine("No pods of the release exist (nothing was scheduled: see the events below).");
        }
        else
        {
            var rows = pods.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new[]
            {
                p.Name,
                p.Phase,
                $"{p.ReadyCount}/{p.Containers.Count}",
                p.Restarts.ToString(CultureInfo.InvariantCulture),
                p.Containers.Select(c => c.LastTermination).FirstOrDefault(t => t is not null) ?? "-",
                p.Reason ?? p.Containers.Where(c => !c.Ready).Select(c => $"{c.Name}: {c.State}").FirstOrDefault() ?? "-",
            });
            AppendTable(text, ["POD", "PHASE", "READY", "RESTARTS", "LAST TERMINATION", "WHY NOT READY"], [.. rows]);
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Recent Warning events ({Math.Min(events.Count, Events)} of {events.Count}):");
        if (events.Count == 0)
        {
            text.AppendLine("  none");
        }
        else
        {
            var recent = events.OrderBy(e => e.LastSeen ?? DateTimeOffset.MinValue).TakeLast(Events).Select(e => new[]
            {
                e.LastSeen?.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
                e.InvolvedObject,
                e.Reason,
                e.Count > 1 ? $"{e.Message} (x{e.Count})" : e.Message,
            });
            AppendTable(text, ["LAST SEEN", "OBJECT", "REASON", "MESSAGE"], [.. recent]);
        }

        foreach (var log in logs)
        {
            text.AppendLine();
            var which = log.Previous ? "previous instance, the one that stopped" : "current instance";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"--- logs of {log.Pod}/{log.Container} ({which}, last {Math.Min(log.Lines.Count, LogLines)} lines) ---");
            if (log.Lines.Count == 0)
            {
                text.AppendLine("  (no output)");
            }

            foreach (var line in log.Lines.TakeLast(LogLines))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
            }
        }

        return text.ToString();
    }

    static void AppendTable(StringBuilder text, string[] header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        void Row(string[] cells) =>
            text.AppendLine(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        foreach (var row in rows)
        {
            Row(row);
        }
    }
}
