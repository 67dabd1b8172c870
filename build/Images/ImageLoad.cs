using System.Diagnostics;
using System.Globalization;

namespace Images;

/// <summary>What ImageStartup drives against one image: a preparation done once (signing up a user) and an iteration
/// each client repeats until the time is up.</summary>
public sealed record LoadWorkload(string Description)
{
    /// <summary>Settings the container needs to serve the load at all (e.g. rate limits a single loopback user would
    /// hit within a second); ImageStartup starts every run with them, so the idle figures of all runs are comparable.</summary>
    public IReadOnlyDictionary<string, string> ContainerSettings { get; init; } = new Dictionary<string, string>();

    public Func<LoadClient, CancellationToken, Task> PrepareAsync { get; init; } = (_, _) => Task.CompletedTask;

    public required Func<LoadClient, CancellationToken, Task> IterationAsync { get; init; }
}

/// <summary>An HTTP client shared by a load's workers that counts every request and every failure: a non-2xx answer or
/// no answer at all (refused, reset, timed out). The first failure is kept word for word, for the message.</summary>
public sealed class LoadClient(HttpClient http)
{
    int requests;
    int failures;
    string? firstFailure;

    /// <summary>For the preparation: default headers (the bearer token) set here go with every later request.</summary>
    public HttpClient Http => http;

    public int Requests => Volatile.Read(ref requests);

    public int Failures => Volatile.Read(ref failures);

    public string? FirstFailure => Volatile.Read(ref firstFailure);

    /// <summary>Sends <paramref name="request"/>: the response when it is a 2xx (the caller disposes it), else null,
    /// with the failure counted.</summary>
    public async Task<HttpResponseMessage?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref requests);
        var what = $"{request.Method} {request.RequestUri}";
        try
        {
            var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
                return response;
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{what} → {(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 300 ? body[..300] + "…" : body)}"));
                return null;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Fail($"{what} → no answer ({e.GetType().Name}: {e.Message})");
            return null;
        }
    }

    /// <summary>Counts a failure that is not an HTTP answer (an iteration that threw, an answer it could not read).</summary>
    public void Fail(string description)
    {
        Interlocked.Increment(ref failures);
        Interlocked.CompareExchange(ref firstFailure, description, null);
    }
}

/// <summary>Drives a <see cref="LoadWorkload"/> against a running app with a fixed number of concurrent clients for a
/// fixed time, sampling its resident memory meanwhile and keeping the peak.</summary>
public static class ImageLoad
{
    /// <summary>Often enough to catch a peak of a few-second load, rarely enough that `docker top` (a process per sample)
    /// does not become part of the load on a 2-core machine.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Prepares <paramref name="workload"/> once, then runs <paramref name="workers"/> clients that repeat its
    /// iteration (each at least once) until <paramref name="duration"/> has passed (an iteration under way is finished, not cancelled, so
    /// the end of the time is never counted as a failure), sampling <paramref name="residentBytes"/> every
    /// <see cref="SampleInterval"/> and once more when the last client has finished. A failed preparation throws: the
    /// load cannot start. Failures during the load are counted and returned (<see cref="LoadSample.FailureMessage"/>).</summary>
    public static async Task<LoadSample> RunAsync(Uri baseAddress, LoadWorkload workload, int workers, TimeSpan duration,
        Func<CancellationToken, Task<long>> residentBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(residentBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = workers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var preparation = new LoadClient(http);
        await workload.PrepareAsync(preparation, cancellationToken);
        if (preparation.Failures > 0)
            throw new InvalidOperationException($"{workload.Description}: preparing the load failed: {preparation.FirstFailure}");

        var client = new LoadClient(http);
        var clock = Stopwatch.StartNew();
        var running = RunWorkersAsync(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            // At least once: a client the thread pool started late (a busy machine) still measures something.
            do
            {
                try
                {
                    await workload.IterationAsync(client, cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Not an HTTP failure (those are counted by LoadClient): the workload itself broke; repeating it would only repeat this.
                    client.Fail($"{workload.Description}: an iteration threw {e.GetType().Name}: {e.Message}");
                    return;
                }
            }
            while (clock.Elapsed < duration);
        }, cancellationToken)), clock);

        long peak = 0;
        var samples = 0;
        while (!running.IsCompleted)
        {
            var sampled = Stopwatch.StartNew();
            peak = Math.Max(peak, await residentBytes(cancellationToken));
            samples++;
            var wait = SampleInterval - sampled.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.WhenAny(running, Task.Delay(wait, cancellationToken));
        }

        var elapsed = await running;
        peak = Math.Max(peak, await residentBytes(cancellationToken));
        return new LoadSample(workers, elapsed, client.Requests, client.Failures, peak)
        {
            FirstFailure = client.FirstFailure,
            ResidentSamples = samples + 1,
        };
    }

    /// <summary>When the last client finished, on the load's clock: requests/s are not diluted by the final sample.</summary>
    static async Task<TimeSpan> RunWorkersAsync(IEnumerable<Task> workers, Stopwatch clock)
    {
        await Task.WhenAll(workers);
        return clock.Elapsed;
    }
}
