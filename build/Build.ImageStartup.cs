using System.Diagnostics;
using System.Net;
using Engine;
using Images;

/// <summary>ImageStartup: how long each built image takes from `docker run` to its first 200 from /health/live, and
/// how much memory it holds once idle. Figures for people (a shared machine is noisy), so not part of the chain.</summary>
partial class Build
{
    [Parameter("ImageStartup: containers started per image")]
    readonly int StartupRuns = 5;

    [Parameter("ImageStartup: fail when an image's median start → ready exceeds this many seconds (0: only print)")]
    readonly double StartupGoalSeconds;

    static readonly TimeSpan StartupGoal = TimeSpan.FromSeconds(1);

    Target ImageStartup => _ => _
        .Description("Starts each built image --startup-runs times: docker run → /health/live min/median/max, and resident memory idle")
        .After(DockerBuild, ImageSizeCheck)
        .Requires(DockerDaemon)
        .Executes(async () =>
        {
            var manifest = ImagesManifest.Read(ImagesManifestFile);
            var samples = new List<StartupSample>();
            foreach (var image in ImageCatalog.All)
                samples.Add(await MeasureStartupAsync(image, manifest[image.Name]));

            var goal = StartupGoalSeconds > 0 ? TimeSpan.FromSeconds(StartupGoalSeconds) : StartupGoal;
            Log.Info("start → ready ({0}):\n{1}", manifest[ImageCatalog.Backend.Name].Platform, StartupSample.Table(samples, goal));
            foreach (var sample in samples)
                Summary.Add($"{sample.Image}: start → ready median {sample.Median.TotalSeconds:0.00} s "
                    + $"(min {sample.Min.TotalSeconds:0.00}, max {sample.Max.TotalSeconds:0.00}), "
                    + $"CPU to ready {sample.MedianReadyCpu?.TotalSeconds:0.00} s, "
                    + $"RSS idle {ImageSizeBudget.FormatMegabytes(sample.MedianIdleResidentBytes)}");
            var slow = samples.Where(s => s.Median > goal).Select(s => s.Image).ToList();
            if (StartupGoalSeconds > 0 && slow.Count > 0)
                throw new TargetFailedException($"{string.Join(" and ", slow)} slower than {goal.TotalSeconds:0.0#} s to ready (median)");
        });

    async Task<StartupSample> MeasureStartupAsync(AppImage image, BuiltImage built)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // As the image tests start them: on their own (ImageCatalog's standalone settings).
        var environment = image.StandaloneSettings;
        var times = new List<TimeSpan>();
        var cpu = new List<TimeSpan>();
        var resident = new List<long>();
        for (var run = 0; run < StartupRuns; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var container = await Docker.StartContainerAsync(built.Reference, image.Port, environment, CancellationToken);
            try
            {
                var port = await Docker.PublishedPortAsync(container, image.Port, CancellationToken);
                var live = new Uri($"http://127.0.0.1:{port}/health/live");
                while (!await AnswersAsync(http, live))
                {
                    if (stopwatch.Elapsed > TimeSpan.FromSeconds(30))
                        throw new TargetFailedException(
                            $"{built.Reference} did not answer {live} within 30 s:\n{await Docker.LogsAsync(container, CancellationToken)}");
                    await Task.Delay(10, CancellationToken);
                }

                times.Add(stopwatch.Elapsed);
                if (await Docker.MainProcessCpuTimeAsync(container, CancellationToken) is { } used)
                    cpu.Add(used);
                // Idle: after start-up work that finishes in the background (hosted services, the first GC) settles.
                await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken);
                resident.Add(await Docker.ResidentBytesAsync(container, CancellationToken));
                Log.Info("{0} run {1}: ready after {2:0.00} s ({3} CPU), RSS idle {4}", image.Name, run + 1, times[^1].TotalSeconds,
                    cpu.Count > run ? $"{cpu[^1].TotalSeconds:0.00} s" : "n/a", ImageSizeBudget.FormatMegabytes(resident[^1]));
            }
            finally
            {
                await Docker.RemoveContainerAsync(container, CancellationToken);
            }
        }

        return new StartupSample(image.Name, times, resident) { ReadyCpuTimes = cpu };
    }

    async Task<bool> AnswersAsync(HttpClient http, Uri live)
    {
        try
        {
            using var response = await http.GetAsync(live, CancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !CancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
