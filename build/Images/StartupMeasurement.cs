using System.Diagnostics;
using System.Net;
using Engine;

namespace Images;

/// <summary>ImageStartup's measurement: how long an image takes from its container's start (and from `docker run`) to its
/// first 200 from /health/live, how much memory it holds once idle, and how much under load.</summary>
public static class StartupMeasurement
{
    /// <summary>Starts <paramref name="built"/> <paramref name="runs"/> times, each on its own as the image tests start
    /// it: time to the first 200 from /health/live, CPU used until then, and resident memory once idle. Then, unless
    /// <paramref name="loadDuration"/> is zero, the last run's container serves its <see cref="StartupLoads"/> workload
    /// from <paramref name="loadWorkers"/> clients for that long, its resident memory sampled meanwhile; a request that
    /// fails under the load fails the measurement.</summary>
    public static async Task<StartupSample> MeasureAsync(Docker docker, AppImage image, BuiltImage built, int runs,
        TimeSpan loadDuration, int loadWorkers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(built);
        // As the image tests start them: on their own (ImageCatalog's standalone settings), plus what the load needs
        // (every run, so that the idle figures of all runs are taken alike).
        var workload = StartupLoads.For(image);
        var environment = image.StandaloneSettings.Concat(workload.ContainerSettings).ToDictionary();
        return await MeasureRunsAsync(docker, image, built, image.Name, environment, extras: null, runs,
            loadDuration > TimeSpan.Zero ? (workload, loadDuration, loadWorkers) : null, cancellationToken);
    }

    /// <summary>Starts <paramref name="built"/>'s app container <paramref name="runs"/> times the way the chart does
    /// (<see cref="AppImage.ChartStart"/>): its init container's work done once beforehand, on a volume all runs share,
    /// and the secret given. Null for an image the chart starts as it starts standalone.</summary>
    public static async Task<StartupSample?> MeasureChartStartAsync(Docker docker, AppImage image, BuiltImage built, int runs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(built);
        if (image.ChartStart is not { } chart)
            return null;
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        Log.AddSecret(secret);
        var volume = $"todo-startup-{Guid.NewGuid():N}";
        var extras = new ContainerExtras { Volume = $"{volume}:{chart.DataDirectory}" };
        try
        {
            var init = Stopwatch.StartNew();
            await docker.RunToCompletionAsync(built.Reference, image.StandaloneSettings, extras with { Arguments = chart.InitArguments },
                TimeSpan.FromMinutes(2), cancellationToken);
            init.Stop();
            Log.Info("{0}: init container ({1}) finished in {2:0.00} s", image.Name, string.Join(' ', chart.InitArguments),
                init.Elapsed.TotalSeconds);
            var sample = await MeasureRunsAsync(docker, image, built, $"{image.Name} (chart)", chart.Settings,
                extras with { Secrets = new Dictionary<string, string> { [chart.SecretName] = secret } }, runs, load: null,
                cancellationToken);
            return sample with { InitContainerTime = init.Elapsed };
        }
        finally
        {
            await docker.RemoveVolumeAsync(volume, cancellationToken);
        }
    }

    static async Task<StartupSample> MeasureRunsAsync(Docker docker, AppImage image, BuiltImage built, string label,
        IReadOnlyDictionary<string, string> environment, ContainerExtras? extras, int runs,
        (LoadWorkload Workload, TimeSpan Duration, int Workers)? load, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        LoadSample? loaded = null;
        var times = new List<TimeSpan>();
        var fromStart = new List<TimeSpan>();
        var cpu = new List<TimeSpan>();
        var resident = new List<long>();
        for (var run = 0; run < runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var container = await docker.StartContainerAsync(built.Reference, image.Port, environment, cancellationToken, extras);
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
                var answeredAt = DateTimeOffset.UtcNow;
                var process = await docker.MainProcessAsync(container, cancellationToken);
                if (await process.CpuTimeAsync(cancellationToken) is { } used)
                    cpu.Add(used);
                if (StartToReady(process.StartedAt, answeredAt, times[^1]) is { } started)
                    fromStart.Add(started);
                // Idle: after start-up work that finishes in the background (hosted services, the first GC) settles.
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                resident.Add(await docker.ResidentBytesAsync(container, cancellationToken));
                Log.Info("{0} run {1}: ready {2} after the container started, {3:0.00} s after docker run ({4} CPU), RSS idle {5}",
                    label, run + 1, fromStart.Count > run ? $"{fromStart[^1].TotalSeconds:0.00} s" : "(start time n/a)",
                    times[^1].TotalSeconds, cpu.Count > run ? $"{cpu[^1].TotalSeconds:0.00} s" : "n/a",
                    ImageSizeBudget.FormatMegabytes(resident[^1]));
                if (run == runs - 1 && load is { } l)
                    loaded = await LoadAsync(docker, container, image, new Uri($"http://127.0.0.1:{port}"), l.Workload, l.Duration,
                        l.Workers, cancellationToken);
            }
            finally
            {
                await docker.RemoveContainerAsync(container, cancellationToken);
            }
        }

        return new StartupSample(label, times, resident) { StartToReadyTimes = fromStart, ReadyCpuTimes = cpu, Load = loaded };
    }

    /// <summary>The time from the container's start to the answer, or null where the daemon's clock cannot be trusted
    /// for it: a start the daemon did not report, or one that does not fall within this run's `docker run` → ready
    /// (a remote daemon, DOCKER_HOST, whose clock differs from this machine's).</summary>
    public static TimeSpan? StartToReady(DateTimeOffset? startedAt, DateTimeOffset answeredAt, TimeSpan runToReady)
    {
        if (startedAt is not { } started)
            return null;
        var elapsed = answeredAt - started;
        return elapsed > TimeSpan.Zero && elapsed <= runToReady ? elapsed : null;
    }

    static async Task<LoadSample> LoadAsync(Docker docker, string container, AppImage image, Uri baseAddress,
        LoadWorkload workload, TimeSpan duration, int workers, CancellationToken cancellationToken)
    {
        LoadSample load;
        try
        {
            load = await ImageLoad.RunAsync(baseAddress, workload, workers, duration,
                token => docker.ResidentBytesAsync(container, token), cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new TargetFailedException($"{e.Message}\n{await LastLogLinesAsync(docker, container, cancellationToken)}");
        }

        Log.Info("{0} under load ({1}, {2} clients): {3} requests in {4:0.0} s ({5:0} req/s), RSS peak {6} ({7} samples)",
            image.Name, workload.Description, workers, load.Requests, load.Elapsed.TotalSeconds, load.RequestsPerSecond,
            ImageSizeBudget.FormatMegabytes(load.PeakResidentBytes), load.ResidentSamples);
        if (load.FailureMessage(image.Name) is { } failure)
            throw new TargetFailedException($"{failure}\n{await LastLogLinesAsync(docker, container, cancellationToken)}");
        return load;
    }

    /// <summary>The container's last log lines: what the app said about the requests that failed.</summary>
    static async Task<string> LastLogLinesAsync(Docker docker, string container, CancellationToken cancellationToken)
    {
        var lines = (await docker.LogsAsync(container, cancellationToken)).Split('\n');
        return $"last lines of its log:\n{string.Join('\n', lines.TakeLast(30))}";
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
