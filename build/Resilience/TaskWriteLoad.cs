using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Todo.Contracts;

namespace Resilience;

/// <summary>
/// A steady load of task creations from a few concurrent clients over pooled keep-alive connections, as a frontend
/// replica sends them to the backend (a bearer token) or browsers send them to the frontend (<see cref="ThroughFrontend"/>:
/// the session cookie and the anti-forgery header). Each write has a unique title so it can be found again afterwards.
/// </summary>
public sealed class TaskWriteLoad(Uri target, string accessToken, string titlePrefix, Stopwatch clock)
{
    /// <summary>Send as a browser does to the frontend: the token in the session cookie, plus the anti-forgery header.</summary>
    public bool ThroughFrontend { get; init; }

    public int Workers { get; init; } = 6;

    /// <summary>Pause between one client's requests: enough load to matter, little enough for a shared 2-core machine.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromMilliseconds(20);

    public async Task<IReadOnlyList<RequestRecord>> RunAsync(CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(3), UseCookies = false })
        {
            BaseAddress = target,
            Timeout = TimeSpan.FromSeconds(20),
        };
        if (ThroughFrontend)
        {
            // The frontend's session cookie holds the backend's own token (Todo.Web/Session/SessionCookie.cs).
            client.DefaultRequestHeaders.Add("Cookie", $"todo_session={accessToken}");
            client.DefaultRequestHeaders.Add(BffRoutes.CsrfHeader, BffRoutes.CsrfHeaderValue);
        }
        else
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        var records = new List<RequestRecord>();
        var sequence = 0L;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var number = Interlocked.Increment(ref sequence);
                var record = await WriteAsync(client, number);
                lock (records)
                    records.Add(record);
                try
                {
                    await Task.Delay(Pause, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }));
        return records;
    }

    async Task<RequestRecord> WriteAsync(HttpClient client, long number)
    {
        var title = $"{titlePrefix} {number}";
        var sentAt = clock.Elapsed;
        try
        {
            // Not cancelled by the stop signal: a request once sent runs to its answer, which is what is measured.
            using var response = await client.PostAsJsonAsync(ApiRoutes.Tasks, new CreateTaskRequest(title),
                TodoJsonContext.Default.CreateTaskRequest);
            int? id = null;
            if (response.IsSuccessStatusCode)
                id = (await response.Content.ReadFromJsonAsync(TodoJsonContext.Default.TaskItem))?.Id;
            return new RequestRecord(number, sentAt, clock.Elapsed, (int)response.StatusCode, null, id, title);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            return new RequestRecord(number, sentAt, clock.Elapsed, null, exception.GetBaseException().Message, null, title);
        }
    }
}
