using System.Diagnostics;

namespace Resilience;

/// <summary>One look at a readiness endpoint on a fresh connection; <see cref="Status"/> null means no HTTP answer.</summary>
public sealed record ReadinessSample(TimeSpan At, int? Status);

/// <summary>
/// Polls readiness on a new connection every few milliseconds, so it sees both the 503 of a draining server and the
/// moment its port stops answering (a pooled connection would hide the latter).
/// </summary>
public static class ReadinessWatch
{
    public static async Task<IReadOnlyList<ReadinessSample>> RunAsync(Uri readinessUrl, Stopwatch clock, TimeSpan interval,
        CancellationToken stop)
    {
        var samples = new List<ReadinessSample>();
        using var client = new HttpClient(
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(1) })
        {
            Timeout = TimeSpan.FromSeconds(2),
        };
        while (!stop.IsCancellationRequested)
        {
            var at = clock.Elapsed;
            int? status;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, readinessUrl);
                request.Headers.ConnectionClose = true;
                using var response = await client.SendAsync(request, CancellationToken.None);
                status = (int)response.StatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                status = null;
            }
            samples.Add(new ReadinessSample(at, status));
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return samples;
    }

    /// <summary>The first sample at or after <paramref name="from"/> that matches.</summary>
    public static TimeSpan? First(IEnumerable<ReadinessSample> samples, TimeSpan from, Func<int?, bool> matches) =>
        samples.Where(sample => sample.At >= from && matches(sample.Status)).Select(sample => (TimeSpan?)sample.At).FirstOrDefault();

    /// <summary>The last sample before <paramref name="until"/> (and at or after <paramref name="from"/>) that matches.</summary>
    public static TimeSpan? LastBefore(IEnumerable<ReadinessSample> samples, TimeSpan from, TimeSpan? until, Func<int?, bool> matches) =>
        until is not { } end
            ? null
            : samples.Where(sample => sample.At >= from && sample.At < end && matches(sample.Status)).Select(sample => (TimeSpan?)sample.At)
                .LastOrDefault();
}
