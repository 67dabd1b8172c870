using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Todo.Api.Hosting;
using Todo.Contracts;
using Todo.Testing.Assistant;

namespace Todo.Api.Benchmark;

/// <summary>
/// Every line of the utterance corpus sent to the real app (in this process, on a SQLite file, over loopback HTTP),
/// each by a new user with the same tasks, and judged by what happened to that user's task list
/// (<see cref="EffectJudge"/>). A confirm line's question is followed by "yes" in the same conversation.
/// </summary>
public static class AssistantBenchmark
{
    /// <summary>The corpus's "today" (a Monday): the app's clock is moved to this date, keeping the time of day.</summary>
    public static readonly DateOnly CorpusDay = new(2026, 11, 30);

    /// <summary>Every user starts with these, numbered 1…10 in this order; the last one is done. Each title the corpus
    /// names (by words) matches exactly one of them.</summary>
    public static readonly IReadOnlyList<string> SeedTitles =
    [
        "buy milk", "pay rent", "call mom", "dentist appointment", "buy bread",
        "gym plan", "do the laundry", "write the report", "call the plumber", "water the plants",
    ];

    public static async Task<bool> RunAsync(AssistantBenchmarkOptions options, TextWriter output)
    {
        var corpus = UtteranceCorpus.Load(options.CorpusPath);
        var database = Path.Combine(Path.GetTempPath(), $"todo-assistant-benchmark-{Guid.NewGuid():N}.db");
        var clock = new CorpusClock(CorpusDay);
        var app = TodoApiHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--SQLITE_PATH={database}",
            "--RATE_LIMIT_REQUESTS_PER_MINUTE=100000000",
            "--RATE_LIMIT_CHAT_PER_MINUTE=100000000",
            "--RATE_LIMIT_AUTH_PER_MINUTE=100000000",
            "--SHUTDOWN_DRAIN_SECONDS=0",
            "--LOG_LEVEL=Error",
            // A throwaway database: a generated key kept in it is as safe as the database.
            "--AUTH_ALLOW_DATABASE_SIGNING_KEY=true",
        ], services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            // Token lifetimes are checked against the machine's clock by default; the app's clock is the moved one.
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
                jwt.TokenValidationParameters.LifetimeValidator = (_, expires, _, _) => expires is null || expires > clock.GetUtcNow().UtcDateTime);
        });
        await app.PrepareAsync();
        await app.StartAsync();
        try
        {
            var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{corpus.Count} corpus lines from {options.CorpusPath ?? UtteranceCorpus.DefaultPath}, each by a new user with {SeedTitles.Count} tasks, {options.Parallel} at a time; app on SQLite at {baseAddress}, today {CorpusDay:ddd yyyy-MM-dd}"));
            var outcomes = new ConcurrentBag<LineOutcome>();
            var done = 0;
            await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (line, cancellationToken) =>
            {
                outcomes.Add(await RunLineAsync(baseAddress, line, cancellationToken));
                if (Interlocked.Increment(ref done) % 100 == 0)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {done}/{corpus.Count} lines"));
                }
            });

            var report = new AssistantReport([.. outcomes.OrderBy(o => o.Line.LineNumber)]);
            await output.WriteLineAsync();
            await output.WriteLineAsync(report.ToString());
            return report.GoalsMet;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<LineOutcome> RunLineAsync(Uri baseAddress, CorpusLine line, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var signUp = await http.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest($"corpus-{line.LineNumber}-{Guid.NewGuid():N}@example.com", "benchmark password"), cancellationToken);
        var auth = (await signUp.EnsureSuccessStatusCode().Content.ReadFromJsonAsync(TodoJsonContext.Default.AuthResponse, cancellationToken))!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);
        foreach (var title in SeedTitles)
        {
            (await http.PostAsJsonAsync(ApiRoutes.Tasks, new CreateTaskRequest(title), TodoJsonContext.Default.CreateTaskRequest, cancellationToken)).EnsureSuccessStatusCode();
        }

        await PatchAsync(http, SeedTitles.Count, new UpdateTaskRequest(IsCompleted: true), cancellationToken);
        await GivenAsync(http, line, await TasksAsync(http, cancellationToken), cancellationToken);

        var before = await TasksAsync(http, cancellationToken);
        var first = await ChatAsync(http, new ChatRequest(line.Utterance), cancellationToken);
        var firstTurn = new Turn(first.Reply, await TasksAsync(http, cancellationToken));
        Turn? confirmation = null;
        if (line.Kind == "confirm")
        {
            var yes = await ChatAsync(http, new ChatRequest(EffectJudge.Yes, first.ConversationId), cancellationToken);
            confirmation = new Turn(yes.Reply, await TasksAsync(http, cancellationToken));
        }

        return EffectJudge.Judge(line, before, firstTurn, confirmation);
    }

    /// <summary>Puts the task a change names in a state the change is visible from: done before a reopen, low before "medium".</summary>
    private static async Task GivenAsync(HttpClient http, CorpusLine line, List<TaskItem> tasks, CancellationToken cancellationToken)
    {
        if (line.Kind != "update_task" || EffectJudge.Target(line, tasks) is not { } target)
        {
            return;
        }

        if (line.Arguments.GetValueOrDefault("completed") == "false")
        {
            await PatchAsync(http, target.Id, new UpdateTaskRequest(IsCompleted: true), cancellationToken);
        }

        if (line.Arguments.GetValueOrDefault("priority") == nameof(TaskPriority.Medium))
        {
            await PatchAsync(http, target.Id, new UpdateTaskRequest(Priority: TaskPriority.Low), cancellationToken);
        }
    }

    private static async Task PatchAsync(HttpClient http, int id, UpdateTaskRequest request, CancellationToken cancellationToken) =>
        (await http.PatchAsJsonAsync(ApiRoutes.Task(id), request, TodoJsonContext.Default.UpdateTaskRequest, cancellationToken)).EnsureSuccessStatusCode();

    private static async Task<List<TaskItem>> TasksAsync(HttpClient http, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync(ApiRoutes.Tasks + "?status=all", TodoJsonContext.Default.ListTaskItem, cancellationToken))!;

    private static async Task<ChatResponse> ChatAsync(HttpClient http, ChatRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(ApiRoutes.Chat, request, TodoJsonContext.Default.ChatRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // A 4xx/5xx to a sentence a person typed is itself a failure of the line: the reply shows it.
            return new ChatResponse(request.ConversationId ?? Guid.Empty, $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}", []);
        }

        return (await response.Content.ReadFromJsonAsync(TodoJsonContext.Default.ChatResponse, cancellationToken))!;
    }

    /// <summary>The machine's clock moved by whole days to <see cref="CorpusDay"/>: time still passes, the date is the corpus's.</summary>
    private sealed class CorpusClock(DateOnly day) : TimeProvider
    {
        private readonly TimeSpan shift = day.ToDateTime(TimeOnly.MinValue) - DateTime.UtcNow.Date;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}

public sealed record AssistantBenchmarkOptions(string? CorpusPath, int Parallel)
{
    public static AssistantBenchmarkOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new AssistantBenchmarkOptions(
            Value("--corpus"),
            Value("--parallel") is { } parallel ? int.Parse(parallel, CultureInfo.InvariantCulture) : 2);
    }
}
