using System.Diagnostics;
using System.Net;
using Engine;

namespace Images;

/// <summary>ImageStartup's measurement: how long an image takes from `docker run` to its first 200 from /health/live,
/// and how much memory it holds once idle.</summary>
public static class StartupMeasurement
{
    /// <summary>Starts <paramref name="built"/> <paramref name="runs"/> times, each on its own as the image tests start
    /// it: time to the first 200 from /health/live, CPU used until then, and resident memory once idle.</summary>
    public static async Task<StartupSample> MeasureAsync(
        Docker docker, AppImage image, BuiltImage built, int runs, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // As the image tests start them: on their own (ImageCatalog's standalone settings).
        var environment = image.StandaloneSettings;
        var times = new List<TimeSpan>();
        var cpu = new List<TimeSpan>();
        var resident = new List<long>();
        for (var run = 0; run < runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var container = await docker.StartContainerAsync(built.Reference, image.Port, environment, cancellationToken);
            try
            {
                var port = await docker.PublishedPortAsync(container, image.Port, cancellationToken);
                var live = new Uri($"http://127.0.0.1:{port}/health/live");
                while (!await AnswersAsync(http, live, cancellationToken))
                {
                    if (stopwatch.Elapsed > TimeSpan.FromSeconds(30))
                    {
                        var logs = await docker.LogsAsync(container, cancellationToken);
                        throw new TargetFailedException($"{built.Reference} did not answer {live} within 30 s:\n{logs}");
                    }
                    await Task.Delay(10, cancellationToken);
                }

                times.Add(stopwatch.Elapsed);
                if (await docker.MainProcessCpuTimeAsync(container, cancellationToken) is { } used)
                    cpu.Add(used);
                // Idle: after start-up work that finishes in the background (hosted services, the first GC) settles.
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                resident.Add(await docker.ResidentBytesAsync(container, cancellationToken));
                Log.Info("{0} run {1}: ready after {2:0.00} s ({3} CPU), RSS idle {4}", image.Name, run + 1, times[^1].TotalSeconds,
                    cpu.Count > run ? $"{cpu[^1].TotalSeconds:0.00} s" : "n/a", ImageSizeBudget.FormatMegabytes(resident[^1]));
            }
            finally
            {
                await docker.RemoveContainerAsync(container, cancellationToken);
            }
        }

        return new StartupSample(image.Name, times, resident) { ReadyCpuTimes = cpu };
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri live, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(live, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
