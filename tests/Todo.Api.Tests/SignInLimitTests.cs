using System.Net;
using System.Net.Http.Json;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// Issue 17, finding 1: the sign-in limits must stop a guesser without locking everyone else out. These run the app
/// on real Kestrel over loopback, because which peer address a request comes from is the whole point (the in-memory
/// test server has none).
/// </summary>
public sealed class SignInLimitTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private readonly string path = Path.Combine(Path.GetTempPath(), $"todo-limits-{Guid.NewGuid():N}.db");
    private readonly List<TodoApiFactory> apps = [];

    [Fact]
    public async Task Behind_the_trusted_frontend_another_clients_correct_password_signs_in_while_one_client_guesses()
    {
        // Loopback is trusted by default: the frontend (here, the test) says who the client is.
        var client = Start(new() { ["RATE_LIMIT_AUTH_PER_MINUTE"] = "5" });
        var victim = await SignUpAsync(client, "victim", from: "198.51.100.20");

        for (var i = 0; i < 8; i++)
        {
            using var _ = await SignInAsync(client, $"nobody{i}@example.com", "guess", from: "203.0.113.7");
        }

        using var guesser = await SignInAsync(client, "nobody@example.com", "guess", from: "203.0.113.7");
        using var legitimate = await SignInAsync(client, victim, Password, from: "198.51.100.21");

        await guesser.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        legitimate.StatusCode.ShouldBe(HttpStatusCode.OK, await legitimate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_guesser_rotating_X_Forwarded_For_is_limited_when_it_is_not_a_trusted_proxy_even_with_forwarded_headers_enabled()
    {
        // The switch the old docs recommended, which made ASP.NET Core believe every sender's header.
        var client = Start(new()
        {
            ["RATE_LIMIT_AUTH_PER_MINUTE"] = "5",
            ["TRUSTED_PROXIES"] = "192.0.2.10",
            // What the environment variable ASPNETCORE_FORWARDEDHEADERS_ENABLED becomes once the host strips the prefix.
            ["ForwardedHeaders_Enabled"] = "true",
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await SignInAsync(client, $"someone{i}@example.com", "guess", from: $"203.0.113.{i + 1}");
            statuses.Add(response.StatusCode);
        }

        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(3, string.Join(", ", statuses));
    }

    [Fact]
    public async Task Failures_for_one_account_from_many_addresses_lock_that_account_with_Retry_After_and_no_other()
    {
        var client = Start(new() { ["AUTH_FAILURES_PER_ACCOUNT"] = "3", ["AUTH_FAILURE_WINDOW_MINUTES"] = "15" });
        var target = await SignUpAsync(client, "target", from: "198.51.100.30");
        var bystander = await SignUpAsync(client, "bystander", from: "198.51.100.31");

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await SignInAsync(client, target, "wrong password", from: $"203.0.113.{i + 1}");
            await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        // Even the right password waits now: the guesser cannot tell a hit from a miss.
        using var locked = await SignInAsync(client, target.ToUpperInvariant(), Password, from: "203.0.113.99");
        using var other = await SignInAsync(client, bystander, Password, from: "203.0.113.99");

        var problem = await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString()!.ShouldContain("try again");
        locked.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(60, 15 * 60);
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_email_is_throttled_exactly_like_a_registered_one()
    {
        var client = Start(new() { ["AUTH_FAILURES_PER_ACCOUNT"] = "2" });
        var known = await SignUpAsync(client, "known", from: "198.51.100.40");
        var unknown = $"unknown-{Guid.NewGuid():N}@example.com";

        var answers = new List<(HttpStatusCode Known, HttpStatusCode Unknown)>();
        for (var i = 0; i < 3; i++)
        {
            using var a = await SignInAsync(client, known, "wrong password", from: $"203.0.113.{i + 1}");
            using var b = await SignInAsync(client, unknown, "wrong password", from: $"203.0.114.{i + 1}");
            answers.Add((a.StatusCode, b.StatusCode));
        }

        answers.ShouldAllBe(pair => pair.Known == pair.Unknown);
        answers[^1].Known.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Probing_sign_up_with_a_registered_email_is_throttled_like_a_wrong_password()
    {
        var client = Start(new() { ["AUTH_FAILURES_PER_ACCOUNT"] = "2" });
        var taken = await SignUpAsync(client, "taken", from: "198.51.100.50");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.SignUp)
            {
                Content = JsonContent.Create(new SignUpRequest(taken, "another password")),
            };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.TooManyRequests]);
    }

    private HttpClient Start(Dictionary<string, string?> settings)
    {
        var app = TodoApiFactory.OnSqlite(path, settings);
        app.UseKestrel(0);
        apps.Add(app);
        return app.CreateClient();
    }

    private static async Task<string> SignUpAsync(HttpClient client, string name, string from)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.com";
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.SignUp) { Content = JsonContent.Create(new SignUpRequest(email, Password)) };
        request.Headers.Add("X-Forwarded-For", from);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return email;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string from)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.SignIn) { Content = JsonContent.Create(new SignInRequest(email, password)) };
        request.Headers.Add("X-Forwarded-For", from);
        return client.SendAsync(request);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
