using System.Diagnostics;
using System.Net;

namespace Local;

/// <summary>Polls a readiness endpoint until it answers 200, and says how long that took or what it last saw.</summary>
public static class ReadinessProbe
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task<TimeSpan> WaitAsync(Uri url, TimeSpan timeout, Stopwatch since, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
        {
            Timeout = TimeSpan.FromSeconds(2),
        };
        var lastSeen = "no answer yet";
        var deadline = since.Elapsed + timeout;
        while (since.Elapsed < deadline)
        {
            try
            {
                using var response = await client.GetAsync(url, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    return since.Elapsed;
                lastSeen = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                lastSeen = exception.Message;
            }
            await Task.Delay(Interval, cancellationToken);
        }
        throw new TimeoutException($"{url} did not answer 200 within {timeout.TotalSeconds:F0} s; last: {lastSeen}");
    }
}
