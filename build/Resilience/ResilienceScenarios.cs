using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cluster;
using Engine;
using Images;
using Local;
using Rehearsal;
using Todo.Contracts;

namespace Resilience;

/// <summary>
/// The three fault scenarios against a running local run. Each is bounded in time and returns figures; judging them
/// (and failing the build) is the target's business.
/// <paramref name="names"/> are the release's object names (its backend pods are <c>&lt;backend Service&gt;-N</c>).
/// </summary>
public sealed class ResilienceScenarios(Docker docker, ReleaseNames names, string stateFile, CancellationToken cancellationToken)
{
    /// <summary>How long after the database is back the backend must answer ready again.</summary>
    public static readonly TimeSpan ReadyBudget = TimeSpan.FromSeconds(5);

    static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1.5);

    LocalRunState State => LocalRunState.Load(stateFile)
        ?? throw new InvalidOperationException($"No local run is recorded in {stateFile}: run ./build.sh Up first.");

    Uri Backend => new(State.BackendUrl ?? throw new InvalidOperationException("The local run has no backend."));

    /// <summary>A user of its own for the load, signed up directly at the backend; answers its bearer token.</summary>
    public async Task<string> SignUpLoadUserAsync(string name) => (await SignUpAsync(name)).Token;

    async Task<TrialAccount.Credentials> SignUpAsync(string name)
    {
        using var client = new HttpClient { BaseAddress = Backend, Timeout = TimeSpan.FromSeconds(20) };
        return await TrialAccount.SignUpAsync(client, name, cancellationToken);
    }

    /// <summary>
    /// (4) Password guessing through the frontend, as an attacker would: wrong passwords for one account, each with a
    /// different forged X-Forwarded-For (the frontend trusts none from outside). Half-way, another user signs in with
    /// the right password. The account must be locked within the allowance (10 failures per email in each backend
    /// replica's memory) and the other user must get in. The per-address limit is lifted in this run, so what holds
    /// here is the per-account throttle, which no address rotation escapes.
    /// </summary>
    public async Task<GuessingFigures> PasswordGuessingAsync(int guesses = 30)
    {
        var frontend = new Uri(State.FrontendUrl ?? throw new InvalidOperationException("The local run has no frontend."));
        var victim = await SignUpAsync("victim");
        var bystander = await SignUpAsync("bystander");
        var pods = await docker.ContainerLabelValuesAsync(LocalRunState.Label, State.RunId, RehearsalRun.PodLabel, cancellationToken);
        var backendReplicas = pods.Count(pod => pod.StartsWith($"{names.BackendService}-", StringComparison.Ordinal));

        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = frontend,
            Timeout = TimeSpan.FromSeconds(30) };
        async Task<int> SignInAsync(string email, string password, string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, BffRoutes.SignIn.TrimStart('/'))
            {
                Content = JsonContent.Create(new SignInRequest(email, password), TodoJsonContext.Default.SignInRequest),
            };
            request.Headers.TryAddWithoutValidation(BffRoutes.CsrfHeader, BffRoutes.CsrfHeaderValue);
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request, cancellationToken);
            return (int)response.StatusCode;
        }

        var statuses = new List<int>();
        var legitimate = (Status: 0, Took: TimeSpan.Zero);
        for (var guess = 1; guess <= guesses; guess++)
        {
            statuses.Add(await SignInAsync(victim.Email, $"wrong-{guess}-{Guid.NewGuid():N}", $"203.0.113.{guess}"));
            if (guess == guesses / 2)
            {
                var clock = Stopwatch.StartNew();
                legitimate = (await SignInAsync(bystander.Email, bystander.Password, "198.51.100.7"), clock.Elapsed);
            }
        }

        return GuessingFigures.From(statuses, legitimate.Status, legitimate.Took, allowedGuesses: 10 * Math.Max(1, backendReplicas));
    }

    /// <summary>(1) SIGTERM to one backend (or frontend) container while task writes run against it; then the container
    /// is started again. Through the frontend the writes are a browser's: session cookie and anti-forgery header.</summary>
    public async Task<ShutdownFigures> SigtermUnderLoadAsync(string token, bool frontend = false)
    {
        var state = State;
        var container = (frontend ? state.FrontendContainer : state.BackendContainer)
            ?? throw new InvalidOperationException($"The local run has no {(frontend ? "frontend" : "backend")} container.");
        var target = frontend ? new Uri(state.FrontendUrl ?? throw new InvalidOperationException("The local run has no frontend."))
            : Backend;
        var clock = Stopwatch.StartNew();
        using var stopLoad = new CancellationTokenSource();
        using var stopWatch = new CancellationTokenSource();
        var load = new TaskWriteLoad(target, token, frontend ? "sigterm-frontend" : "sigterm",
            clock) { ThroughFrontend = frontend }.RunAsync(stopLoad.Token);
        var watch = ReadinessWatch.RunAsync(new Uri(target, ApiRoutes.HealthReady.TrimStart('/')), clock, TimeSpan.FromMilliseconds(20),
            stopWatch.Token);
        await Task.Delay(Warmup, cancellationToken);

        var sigtermAt = clock.Elapsed;
        await docker.KillAsync(container, "TERM", cancellationToken);
        await docker.WaitAsync(container, TimeSpan.FromSeconds(60), cancellationToken);
        var exitedAt = clock.Elapsed;
        // Keep sending a little past the exit: those requests show what a client sees once nothing listens.
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        await stopLoad.CancelAsync();
        await stopWatch.CancelAsync();
        var records = await load;
        var samples = await watch;

        var portClosedAt = ReadinessWatch.First(samples, sigtermAt, status => status is null);
        var figures = ShutdownFigures.From(records, sigtermAt,
            ReadinessWatch.First(samples, sigtermAt, status => status == (int)HttpStatusCode.ServiceUnavailable),
            portClosedAt,
            exitedAt,
            lastOpenAt: ReadinessWatch.LastBefore(samples, sigtermAt, portClosedAt, status => status is not null));
        await ReleaseRehearsal.StartAgainAsync(docker, stateFile, frontend, cancellationToken);
        return figures;
    }

    /// <summary>(2) PostgreSQL restarted while task writes run; every acknowledged write must be there afterwards.</summary>
    public async Task<(RestartFigures Figures, TimeSpan RestartTook)> PostgresRestartUnderLoadAsync(string token)
    {
        var postgres = State.Postgres ?? throw new InvalidOperationException("The local run has no PostgreSQL.");
        var clock = Stopwatch.StartNew();
        var prefix = $"pg-restart {Guid.NewGuid():N}"[..19];
        using var stopLoad = new CancellationTokenSource();
        using var stopWatch = new CancellationTokenSource();
        var load = new TaskWriteLoad(Backend, token, prefix, clock).RunAsync(stopLoad.Token);
        var watch = ReadinessWatch.RunAsync(new Uri(Backend, ApiRoutes.HealthReady.TrimStart('/')), clock, TimeSpan.FromMilliseconds(50),
            stopWatch.Token);
        await Task.Delay(Warmup, cancellationToken);

        var restartAt = clock.Elapsed;
        await LocalPostgres.RestartAsync(postgres, cancellationToken);
        var databaseUpAt = clock.Elapsed;
        // Watch long enough to see the budget kept or broken, then a little load on the recovered backend.
        await Task.Delay(ReadyBudget + TimeSpan.FromSeconds(1), cancellationToken);
        await stopLoad.CancelAsync();
        await stopWatch.CancelAsync();
        var records = await load;
        var samples = await watch;

        var stored = await ReadTasksAsync(token, prefix);
        return (RestartFigures.From(records, stored, databaseUpAt, ReadinessWatch.First(samples, databaseUpAt, status => status == 200),
            ReadyBudget),
            databaseUpAt - restartAt);
    }

    /// <summary>(3) Every malformed request at every endpoint of both apps: the backend directly, and through the frontend.</summary>
    public async Task<BurstFigures> MalformedBurstAsync(string token)
    {
        var frontend = new Uri(State.FrontendUrl ?? throw new InvalidOperationException("The local run has no frontend."));
        // The frontend's session cookie holds the backend's own token, so the load user's token is a valid session.
        var cookie = $"todo_session={token}";
        var backendBurst = MalformedRequests.All().Select(request => ("backend", Backend, request));
        var frontendBurst = MalformedRequests.All(
                [.. MalformedRequests.BodyRoutes, ("POST", "/bff/signup"), ("POST", "/bff/signin"), ("POST", "/bff/signout")],
                [.. MalformedRequests.AllPaths, "/", "/index.html", "/bff/signin"])
            .Select(request => ("frontend", frontend, request));

        var answers = new List<BurstAnswer>();
        using var client = new HttpClient(
            new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };
        await Parallel.ForEachAsync(backendBurst.Concat(frontendBurst),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var (app, baseUrl, malformed) = item;
                var answer = await SendAsync(client, app, baseUrl, malformed, app == "backend" ? ("Authorization", $"Bearer {token}")
                    : ("Cookie", cookie), ct);
                lock (answers)
                    answers.Add(answer);
            });
        return BurstFigures.From(answers);
    }

    static async Task<BurstAnswer> SendAsync(HttpClient client, string app, Uri baseUrl, MalformedRequest malformed,
        (string Name, string Value) credentials, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(malformed.Method), new Uri(baseUrl, malformed.Path.TrimStart('/')));
        if (malformed.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            if (malformed.ContentType is { } contentType)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (malformed.Authenticated)
            request.Headers.TryAddWithoutValidation(credentials.Name, credentials.Value);
        // Past the frontend's anti-forgery guard, so the burst reaches the code behind it.
        request.Headers.TryAddWithoutValidation("X-Requested-With", "todo-web");
        foreach (var (name, value) in malformed.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            return new BurstAnswer(app, malformed, (int)response.StatusCode, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException
            && !cancellationToken.IsCancellationRequested)
        {
            return new BurstAnswer(app, malformed, null, exception.GetBaseException().Message);
        }
    }

    async Task<Dictionary<int, string>> ReadTasksAsync(string token, string prefix)
    {
        using var client = new HttpClient { BaseAddress = Backend, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var tasks = await client.GetFromJsonAsync(ApiRoutes.Tasks + "?status=all", TodoJsonContext.Default.ListTaskItem, cancellationToken)
            ?? [];
        return tasks.Where(task => task.Title.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(task => task.Id, task => task.Title);
    }

    public static string Ms(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:F0} ms");
}
