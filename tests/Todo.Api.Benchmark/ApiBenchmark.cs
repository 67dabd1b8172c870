using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Todo.Api.Hosting;
using Todo.Contracts;
using Todo.Testing;

namespace Todo.Api.Benchmark;

/// <summary>One measured scenario: throughput and latency percentiles over a fixed time with fixed concurrency.</summary>
public sealed record Measurement(string Name, double RequestsPerSecond, double P50Ms, double P99Ms, int Requests, int Failures);

/// <summary>
/// Starts the API in this process (Kestrel on loopback, PostgreSQL from <see cref="ThrowawayPostgres"/>), then
/// drives it with a bounded number of concurrent HTTP clients. Client and server share the machine's cores, so the
/// figures are a floor, and comparable run to run; the baseline ratio factors the machine out.
/// </summary>
public static class ApiBenchmark
{
    private const double ListToBaselineGoal = 0.3;
    private const double ListP99GoalMs = 50;
    private const double ChatP50GoalMs = 20;

    public static async Task<bool> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        await output.WriteLineAsync("Starting a throwaway PostgreSQL…");
        await using var postgres = await ThrowawayPostgres.StartAsync();
        var database = await postgres.CreateDatabaseAsync("todo_benchmark");
        var app = TodoApiHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--DATABASE_URL={database.Url}",
            "--RATE_LIMIT_REQUESTS_PER_MINUTE=100000000",
            "--RATE_LIMIT_CHAT_PER_MINUTE=100000000",
            "--RATE_LIMIT_AUTH_PER_MINUTE=100000000",
            "--SHUTDOWN_DRAIN_SECONDS=0",
            "--LOG_LEVEL=Warning",
            // A throwaway database: a generated key kept in it is as safe as the database (outside Development the
            // backend refuses to start without AUTH_SIGNING_KEY or this).
            "--AUTH_ALLOW_DATABASE_SIGNING_KEY=true",
        ]);
        await app.PrepareAsync();
        await app.StartAsync();
        try
        {
            var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = baseAddress,
            };
            var email = $"bench-{Guid.NewGuid():N}@example.com";
            var signUp = await http.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "benchmark password"));
            var auth = (await signUp.EnsureSuccessStatusCode().Content.ReadFromJsonAsync(TodoJsonContext.Default.AuthResponse))!;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);
            for (var i = 0; i < 20; i++)
            {
                (await http.PostAsJsonAsync(ApiRoutes.Tasks, new CreateTaskRequest($"existing task {i}", Priority: (TaskPriority)(i % 3)))).EnsureSuccessStatusCode();
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"API at {baseAddress} on PostgreSQL; {options.Concurrency} concurrent clients, {options.Warmup.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s per scenario; 20 tasks listed"));

            var baseline = await MeasureAsync("GET /health/live (baseline)", options, () => http.GetAsync(ApiRoutes.HealthLive));
            var list = await MeasureAsync("GET /api/tasks (20 tasks)", options, () => http.GetAsync(ApiRoutes.Tasks));
            var counter = 0;
            var create = await MeasureAsync("POST /api/tasks", options, () =>
                http.PostAsJsonAsync(ApiRoutes.Tasks, new CreateTaskRequest($"benchmark task {Interlocked.Increment(ref counter)}"), TodoJsonContext.Default.CreateTaskRequest));
            var chat = await MeasureChatAsync(baseAddress, options);

            await output.WriteLineAsync();
            await output.WriteLineAsync($"{"scenario",-34} {"req/s",10} {"p50 ms",8} {"p99 ms",8} {"requests",9} {"failed",7}");
            foreach (var m in new[] { baseline, list, create, chat })
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Name,-34} {m.RequestsPerSecond,10:0} {m.P50Ms,8:0.00} {m.P99Ms,8:0.00} {m.Requests,9} {m.Failures,7}"));
            }

            var ratio = list.RequestsPerSecond / baseline.RequestsPerSecond;
            var goals = new[]
            {
                (string.Create(CultureInfo.InvariantCulture, $"task list throughput / baseline = {ratio:0.00} (goal ≥ {ListToBaselineGoal})"), ratio >= ListToBaselineGoal),
                (string.Create(CultureInfo.InvariantCulture, $"task list p99 = {list.P99Ms:0.0} ms (goal < {ListP99GoalMs} ms)"), list.P99Ms < ListP99GoalMs),
                (string.Create(CultureInfo.InvariantCulture, $"chat turn p50 = {chat.P50Ms:0.0} ms (goal < {ChatP50GoalMs} ms)"), chat.P50Ms < ChatP50GoalMs),
                ("no failed requests", new[] { baseline, list, create, chat }.All(m => m.Failures == 0)),
            };
            await output.WriteLineAsync();
            foreach (var (text, met) in goals)
            {
                await output.WriteLineAsync($"{(met ? "met   " : "MISSED")} {text}");
            }

            return !options.Enforce || goals.All(g => g.Item2);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<Measurement> MeasureAsync(string name, BenchmarkOptions options, Func<Task<HttpResponseMessage>> send)
    {
        await RunClientsAsync(options.Warmup, options.Concurrency, send, null);
        var latencies = new List<double>[options.Concurrency];
        var failures = 0;
        var elapsed = await RunClientsAsync(options.Duration, options.Concurrency, send, (client, ms, ok) =>
        {
            (latencies[client] ??= []).Add(ms);
            if (!ok)
            {
                Interlocked.Increment(ref failures);
            }
        });
        var all = latencies.Where(l => l is not null).SelectMany(l => l).ToArray();
        return Summarize(name, all, elapsed, failures);
    }

    /// <summary>Sequential chat turns through the built-in interpreter in one conversation: add, then delete, a task.</summary>
    private static async Task<Measurement> MeasureChatAsync(Uri baseAddress, BenchmarkOptions options)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var signUp = await http.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest($"chat-{Guid.NewGuid():N}@example.com", "benchmark password"));
        var auth = (await signUp.EnsureSuccessStatusCode().Content.ReadFromJsonAsync(TodoJsonContext.Default.AuthResponse))!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);
        Guid? conversation = null;
        var latencies = new List<double>();
        var failures = 0;
        var total = Stopwatch.StartNew();
        for (var turn = 0; turn < options.ChatTurns + 20; turn++)
        {
            var message = turn % 2 == 0 ? $"add errand number {turn / 2}" : $"delete errand number {turn / 2}";
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync(ApiRoutes.Chat, new ChatRequest(message, conversation), TodoJsonContext.Default.ChatRequest);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var reply = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync(TodoJsonContext.Default.ChatResponse) : null;
            conversation ??= reply?.ConversationId;
            if (turn == 20)
            {
                total.Restart();
            }

            if (turn >= 20)
            {
                // The first 20 turns warm up the JIT and the connection pool.
                latencies.Add(ms);
                if (reply is null || reply.Actions.Count != 1)
                {
                    failures++;
                }
            }
        }

        return Summarize("POST /api/chat (interpreter turn)", [.. latencies], total.Elapsed, failures);
    }

    private static async Task<TimeSpan> RunClientsAsync(
        TimeSpan duration, int concurrency, Func<Task<HttpResponseMessage>> send, Action<int, double, bool>? record)
    {
        var stopwatch = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, concurrency).Select(client => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    using var response = await send();
                    await response.Content.LoadIntoBufferAsync();
                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                record?.Invoke(client, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok);
            }
        }));
        await Task.WhenAll(clients);
        return stopwatch.Elapsed;
    }

    private static Measurement Summarize(string name, double[] latencies, TimeSpan elapsed, int failures)
    {
        Array.Sort(latencies);
        double Percentile(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
        return new Measurement(name, latencies.Length / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), latencies.Length, failures);
    }
}
