using System.Globalization;
using System.Text;

namespace Images;

/// <summary>What one image did in the startup benchmark, per run: the time to the first 200 from /health/live, measured
/// from `docker run` and from the container's start; the resident memory once idle; and (when measured) what it did
/// under load.</summary>
public sealed record StartupSample(string Image, IReadOnlyList<TimeSpan> RunToReadyTimes, IReadOnlyList<long> IdleResidentBytes)
{
    /// <summary>From the container's start (the daemon's <c>State.StartedAt</c>) to the first 200, per run: the image's own
    /// start-up, which the goal is about. `docker run` → ready adds the docker client's start, the container's creation
    /// (its filesystem and network) and the port lookup, which a pod pays in its sandbox and container creation before
    /// the kubelet starts the container. Empty where the daemon's time could not be used (see
    /// <see cref="StartupMeasurement"/>).</summary>
    public IReadOnlyList<TimeSpan> StartToReadyTimes { get; init; } = [];

    /// <summary>True when every run's start → ready was measured: the figures below are then those, else `docker run` →
    /// ready (an upper bound of them).</summary>
    public bool FromContainerStart => StartToReadyTimes.Count > 0 && StartToReadyTimes.Count == RunToReadyTimes.Count;

    /// <summary>The times the goal is judged on: start → ready where measured, else `docker run` → ready.</summary>
    public IReadOnlyList<TimeSpan> ReadyTimes => FromContainerStart ? StartToReadyTimes : RunToReadyTimes;

    /// <summary>CPU time (user + system) the app had used when it first answered, per run: unlike the wall-clock time it
    /// hardly depends on how many other builds share the machine. Empty where the host's /proc cannot see the container.</summary>
    public IReadOnlyList<TimeSpan> ReadyCpuTimes { get; init; } = [];

    /// <summary>How long the init container ran before the first of these starts (the chart's way); null standalone.</summary>
    public TimeSpan? InitContainerTime { get; init; }

    /// <summary>The load driven against the last run's container after its idle sample; null when it was skipped.</summary>
    public LoadSample? Load { get; init; }

    public TimeSpan? MedianReadyCpu => ReadyCpuTimes.Count == 0 ? null : Middle(ReadyCpuTimes.Order().ToList(), (a, b) => (a + b) / 2);

    public TimeSpan Min => ReadyTimes.Min();

    public TimeSpan Max => ReadyTimes.Max();

    /// <summary>The middle run (the mean of the two middle ones for an even count): one slow run on a shared machine
    /// does not move it.</summary>
    public TimeSpan Median => Middle(ReadyTimes.Order().ToList(), (a, b) => (a + b) / 2);

    /// <summary>The median from `docker run`: what a user timing `docker run` by hand sees.</summary>
    public TimeSpan RunToReadyMedian => Middle(RunToReadyTimes.Order().ToList(), (a, b) => (a + b) / 2);

    public long MedianIdleResidentBytes => Middle(IdleResidentBytes.Order().ToList(), (a, b) => (a + b) / 2);

    static T Middle<T>(IReadOnlyList<T> sorted, Func<T, T, T> mean) =>
        sorted.Count == 0 ? throw new InvalidOperationException("no runs")
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : mean(sorted[(sorted.Count / 2) - 1], sorted[sorted.Count / 2]);

    /// <summary>The table ImageStartup prints: start → ready min/median/max (from `docker run` where the container's start
    /// was not measured), the median from `docker run`, the median CPU time to ready, the median idle resident memory,
    /// then what the load did (requests, requests/s, peak resident memory; "—" where it was skipped); the verdict compares
    /// the start → ready median with the goal.</summary>
    public static string Table(IReadOnlyList<StartupSample> samples, TimeSpan goal)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"{"image",-20} {"runs",4} {"min",7} {"median",7} {"max",7} {"run→rdy",7} {"CPU",7} {"RSS idle",9} {"requests",8} {"req/s",6} {"RSS load",9}  verdict");
        foreach (var sample in samples)
        {
            var from = sample.FromContainerStart ? "from container start" : "from docker run";
            var verdict = sample.Median <= goal ? $"ok (median ≤ {goal.TotalSeconds:0.0#} s {from})" : $"slower than {goal.TotalSeconds:0.0#} s {from}";
            var load = sample.Load;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{sample.Image,-20} {sample.ReadyTimes.Count,4} {Seconds(sample.Min),7} {Seconds(sample.Median),7} "
                    + $"{Seconds(sample.Max),7} {Seconds(sample.RunToReadyMedian),7} {(sample.MedianReadyCpu is { } cpu ? Seconds(cpu) : "n/a"),7} "
                        + $"{ImageSizeBudget.FormatMegabytes(sample.MedianIdleResidentBytes),9} "
                            + $"{(load is null ? "—" : load.Requests.ToString(CultureInfo.InvariantCulture)),8} "
                                + $"{(load is null ? "—" : load.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture)),6} "
                                    + $"{(load is null ? "—" : ImageSizeBudget.FormatMegabytes(load.PeakResidentBytes)),9}  {verdict}");
        }

        return table.ToString();
    }

    /// <summary>The build summary's line for this image: the same figures as its table row, in words.</summary>
    public string SummaryLine()
    {
        var fromRun = FromContainerStart ? $"{Seconds(RunToReadyMedian)} from docker run, " : "";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{Image}: {(FromContainerStart ? "start" : "docker run")} → ready median {Median.TotalSeconds:0.00} s (min {Min.TotalSeconds:0.00}, max {Max.TotalSeconds:0.00}), "
                + $"{fromRun}CPU to ready {(MedianReadyCpu is { } cpu ? Seconds(cpu) : "n/a")}, RSS idle {ImageSizeBudget.FormatMegabytes(MedianIdleResidentBytes)}")
            + (InitContainerTime is { } init ? $", its init container having run {Seconds(init)} before" : "");
        return Load is not { } load ? line
            : line + string.Create(CultureInfo.InvariantCulture,
                $", under load {ImageSizeBudget.FormatMegabytes(load.PeakResidentBytes)} (peak; {load.Requests} requests, "
                    + $"{load.RequestsPerSecond:0} req/s, {load.Workers} clients for {load.Elapsed.TotalSeconds:0.0} s)");
    }

    static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
