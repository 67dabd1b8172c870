using System.Globalization;
using System.Text;

namespace Images;

/// <summary>What one image did in the startup benchmark: the time from `docker run` to the first 200 from
/// /health/live, per run, and the resident memory once idle.</summary>
public sealed record StartupSample(string Image, IReadOnlyList<TimeSpan> ReadyTimes, IReadOnlyList<long> IdleResidentBytes)
{
    public TimeSpan Min => ReadyTimes.Min();

    public TimeSpan Max => ReadyTimes.Max();

    /// <summary>The middle run (the mean of the two middle ones for an even count): one slow run on a shared machine
    /// does not move it.</summary>
    public TimeSpan Median => Middle(ReadyTimes.Order().ToList(), (a, b) => (a + b) / 2);

    public long MedianIdleResidentBytes => Middle(IdleResidentBytes.Order().ToList(), (a, b) => (a + b) / 2);

    static T Middle<T>(IReadOnlyList<T> sorted, Func<T, T, T> mean) =>
        sorted.Count == 0 ? throw new InvalidOperationException("no runs")
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : mean(sorted[(sorted.Count / 2) - 1], sorted[sorted.Count / 2]);

    /// <summary>The table ImageStartup prints; the goal column is the issue's ≤ 1 s median.</summary>
    public static string Table(IReadOnlyList<StartupSample> samples, TimeSpan goal)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"image",-16} {"runs",4} {"min",7} {"median",7} {"max",7} {"RSS idle",9}  verdict");
        foreach (var sample in samples)
        {
            var verdict = sample.Median <= goal ? $"ok (median ≤ {goal.TotalSeconds:0.0#} s)" : $"slower than {goal.TotalSeconds:0.0#} s";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{sample.Image,-16} {sample.ReadyTimes.Count,4} {Seconds(sample.Min),7} {Seconds(sample.Median),7} {Seconds(sample.Max),7} {ImageSizeBudget.FormatMegabytes(sample.MedianIdleResidentBytes),9}  {verdict}");
        }

        return table.ToString();
    }

    static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
