using Engine;
using Images;

/// <summary>ImageStartup: how long each built image takes from its container's start (and from `docker run`) to its first
/// 200 from /health/live, and
/// how much memory it holds once idle and under load. Figures for people (a shared machine is noisy), so not part of the chain.</summary>
partial class Build
{
    [Parameter("ImageStartup: containers started per image")]
    readonly int StartupRuns = 5;

    [Parameter("ImageStartup: fail when an image's median start → ready exceeds this many seconds (0: only print)")]
    readonly double StartupGoalSeconds;

    [Parameter("ImageStartup: seconds of load (--benchmark-concurrency clients) against each image's last run, its peak resident memory sampled (0: skip)")]
    readonly double StartupLoadSeconds = 5;

    static readonly TimeSpan StartupGoal = TimeSpan.FromSeconds(1);

    Target ImageStartup => _ => _
        .Description("Starts each built image --startup-runs times: container start → /health/live min/median/max (and the median "
            + "from docker run), and resident memory idle; "
            + "the backend also as the chart starts it (schema migrated by its init container, key from the Secret); "
            + "then drives the Benchmark's operations (backend) or page and liveness requests (frontend) against it for "
            + "--startup-load-seconds: requests/s and peak resident memory under load")
        .After(DockerBuild, ImageSizeCheck)
        .Requires(DockerDaemon)
        .Executes(async () =>
        {
            var manifest = ImagesManifest.Read(ImagesManifestFile);
            var samples = new List<StartupSample>();
            foreach (var image in ImageCatalog.All)
            {
                samples.Add(await StartupMeasurement.MeasureAsync(Docker, image, manifest[image.Name], StartupRuns,
                    TimeSpan.FromSeconds(StartupLoadSeconds), BenchmarkConcurrency, CancellationToken));
                if (await StartupMeasurement.MeasureChartStartAsync(Docker, image, manifest[image.Name], StartupRuns, CancellationToken) is { } chart)
                    samples.Add(chart);
            }

            var goal = StartupGoalSeconds > 0 ? TimeSpan.FromSeconds(StartupGoalSeconds) : StartupGoal;
            Log.Info("start → ready ({0}):\n{1}", manifest[ImageCatalog.Backend.Name].Platform, StartupSample.Table(samples, goal));
            foreach (var sample in samples)
                Summary.Add(sample.SummaryLine());
            var slow = samples.Where(s => s.Median > goal).Select(s => s.Image).ToList();
            if (StartupGoalSeconds > 0 && slow.Count > 0)
                throw new TargetFailedException($"{string.Join(" and ", slow)} slower than {goal.TotalSeconds:0.0#} s to ready (median)");
        });
}
