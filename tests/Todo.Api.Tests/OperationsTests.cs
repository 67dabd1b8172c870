using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Todo.Api.Hosting;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>Health, shutdown draining and rate limits: each test runs its own app with its own settings.</summary>
public sealed class OperationsTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"todo-ops-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task On_shutdown_readiness_fails_while_the_app_keeps_serving()
    {
        await using var app = TodoApiFactory.OnSqlite(path, new Dictionary<string, string?> { ["SHUTDOWN_DRAIN_SECONDS"] = "3" });
        var (client, _) = await app.SignUpAsync();
        (await client.GetAsync(ApiRoutes.HealthReady)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(ApiRoutes.HealthLive)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stopping = app.Services.GetRequiredService<IHost>().StopAsync();
        await Task.Delay(300);

        (await client.GetAsync(ApiRoutes.HealthReady)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync(ApiRoutes.HealthLive)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(ApiRoutes.Tasks)).StatusCode.ShouldBe(HttpStatusCode.OK);
        stopping.IsCompleted.ShouldBeFalse();
        await stopping;
    }

    [Fact]
    public async Task While_draining_every_response_asks_the_client_to_close_its_connection()
    {
        await using var app = TodoApiFactory.OnSqlite(path, new Dictionary<string, string?> { ["SHUTDOWN_DRAIN_SECONDS"] = "3" });
        var (client, _) = await app.SignUpAsync();
        using (var before = await client.GetAsync(ApiRoutes.Tasks))
        {
            before.Headers.ConnectionClose.ShouldNotBe(true);
        }

        // What SIGTERM does first in a container: the host's lifetime fires ApplicationStopping.
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        foreach (var path in new[] { ApiRoutes.Tasks, ApiRoutes.HealthReady, ApiRoutes.HealthLive, "/api/no-such-thing" })
        {
            using var response = await client.GetAsync(path);
            response.Headers.ConnectionClose.ShouldBe(true, path);
        }
    }

    [Fact]
    public async Task Each_user_has_their_own_request_budget_and_going_over_answers_429()
    {
        await using var app = TodoApiFactory.OnSqlite(path, new Dictionary<string, string?> { ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "3" });
        var (alice, _) = await app.SignUpAsync("alice");
        var (bob, _) = await app.SignUpAsync("bob");

        for (var i = 0; i < 3; i++)
        {
            (await alice.GetAsync(ApiRoutes.Tasks)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await alice.GetAsync(ApiRoutes.Tasks);
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await bob.GetAsync(ApiRoutes.Tasks)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_task_routes_when_enabled()
    {
        await using var app = TodoApiFactory.OnSqlite(path, new Dictionary<string, string?> { ["OPENAPI_ENABLED"] = "true" });
        using var client = app.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        document.ShouldContain("\"/api/tasks/{id}\"");
        document.ShouldContain("\"/api/chat\"");
        (await client.GetAsync("/scalar")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Outside_development_the_openapi_document_and_explorer_are_not_served_unless_enabled()
    {
        await using var app = TodoApiFactory.OnSqlite(path);
        using var client = app.CreateClient();

        (await client.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/scalar")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_setting_refused_while_the_app_is_built_ends_the_program_with_exit_code_1()
    {
        // LOG_LEVEL is read before the app (and its logger) exists: the refusal still ends the program plainly.
        var exitCode = await TodoApiHost.RunAsync([$"--SQLITE_PATH={path}", "--LOG_LEVEL=Loud"]);

        exitCode.ShouldBe(1);
    }

    [Fact]
    public async Task A_short_configured_signing_key_stops_startup_with_a_clear_message()
    {
        await using var app = TodoApiFactory.OnSqlite(path, new Dictionary<string, string?> { ["AUTH_SIGNING_KEY"] = "too-short" });

        app.RefusedStartReason().ShouldContain("AUTH_SIGNING_KEY must be at least 32 bytes");
    }

    [Fact]
    public async Task With_a_configured_signing_key_only_instances_sharing_that_key_accept_its_tokens()
    {
        await using var one = TodoApiFactory.OnSqlite(path, new Dictionary<string, string?> { ["AUTH_SIGNING_KEY"] = new string('k', 48) });
        await using var same = TodoApiFactory.OnSqlite(path, new Dictionary<string, string?> { ["AUTH_SIGNING_KEY"] = new string('k', 48) });
        await using var different = TodoApiFactory.OnSqlite(path, new Dictionary<string, string?> { ["AUTH_SIGNING_KEY"] = new string('d', 48) });
        var (_, auth) = await one.SignUpAsync();
        using var sameKey = same.CreateClient();
        using var differentKey = different.CreateClient();
        sameKey.DefaultRequestHeaders.Authorization = new("Bearer", auth.AccessToken);
        differentKey.DefaultRequestHeaders.Authorization = new("Bearer", auth.AccessToken);

        (await sameKey.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await differentKey.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_whose_account_is_gone_answers_401()
    {
        var key = new Dictionary<string, string?> { ["AUTH_SIGNING_KEY"] = new string('k', 48) };
        await using var one = TodoApiFactory.OnSqlite(path, key);
        await using var wiped = TodoApiFactory.OnSqlite(path + ".wiped", key);
        var (_, auth) = await one.SignUpAsync();
        using var client = wiped.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", auth.AccessToken);

        (await client.PostAsJsonAsync(ApiRoutes.Tasks, new CreateTaskRequest("orphan"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        File.Delete(path + ".wiped");
    }
}
