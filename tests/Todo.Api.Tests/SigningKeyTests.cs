using System.Net;
using Todo.Api.Accounts;
using Todo.Api.Hosting;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>Issue 17, finding 5: no signing key kept in plain text by default, and keys that can be rotated.</summary>
public sealed class SigningKeyTests : IDisposable
{
    private static readonly string OldKey = new('o', 48);
    private static readonly string NewKey = new('n', 48);
    private readonly string path = Path.Combine(Path.GetTempPath(), $"todo-keys-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Outside_development_the_backend_refuses_to_start_without_a_signing_key_unless_told_to_keep_one_in_the_database()
    {
        await using var app = TodoApiFactory.OnSqlite(path, new Dictionary<string, string?> { ["AUTH_ALLOW_DATABASE_SIGNING_KEY"] = null });

        // The operator reads this at a failed start: what is missing, how to make a key, and the opt-out with its risk.
        app.RefusedStartReason().ShouldBe(
            "AUTH_SIGNING_KEY is not set. Outside Development the backend needs it (a key of 32+ bytes, e.g. from "
            + "`openssl rand -base64 48`, given through a Kubernetes Secret); set AUTH_ALLOW_DATABASE_SIGNING_KEY=true "
            + "to keep a generated key in the database instead, knowing that whoever reads the database can then sign tokens.");
    }

    [Fact]
    public async Task A_start_refused_for_a_missing_key_ends_the_program_with_exit_code_1_not_a_crash()
    {
        // What the container's process returns: a plain failure the orchestrator reports as such. Left unhandled, the
        // refusal ended the image's process with a signal (exit 139).
        var exitCode = await TodoApiHost.RunAsync([$"--SQLITE_PATH={path}", "--environment=Production", "--LOG_LEVEL=None"]);

        exitCode.ShouldBe(1);
    }

    [Fact]
    public async Task In_development_the_backend_starts_without_a_key_and_a_second_replica_validates_with_the_key_kept_in_the_database()
    {
        var development = new Dictionary<string, string?> { ["environment"] = "Development", ["AUTH_ALLOW_DATABASE_SIGNING_KEY"] = null };
        await using var first = TodoApiFactory.OnSqlite(path, development);
        var (_, auth) = await first.SignUpAsync("developer");
        await using var second = TodoApiFactory.OnSqlite(path, development);

        (await MeAsync(second, auth.AccessToken)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Using_the_signing_key_before_start_up_has_loaded_it_is_an_error_saying_so()
    {
        var error = Should.Throw<InvalidOperationException>(() => new SigningKeyring().Key);

        error.Message.ShouldBe("The token signing key is not loaded yet: the app loads it at startup.");
    }

    [Fact]
    public async Task A_rotated_key_keeps_validating_tokens_it_signed_while_it_is_listed_as_previous()
    {
        await using var before = TodoApiFactory.OnSqlite(path, Keys(OldKey, previous: null));
        await using var rotated = TodoApiFactory.OnSqlite(path, Keys(NewKey, previous: OldKey));
        await using var retired = TodoApiFactory.OnSqlite(path, Keys(NewKey, previous: null));
        var (_, oldAuth) = await before.SignUpAsync("rotating");
        var (_, newAuth) = await rotated.SignUpAsync("fresh");

        (await MeAsync(rotated, oldAuth.AccessToken)).ShouldBe(HttpStatusCode.OK);
        (await MeAsync(retired, oldAuth.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
        (await MeAsync(retired, newAuth.AccessToken)).ShouldBe(HttpStatusCode.OK);
        (await MeAsync(before, newAuth.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static Dictionary<string, string?> Keys(string current, string? previous) =>
        new() { ["AUTH_SIGNING_KEY"] = current, ["AUTH_PREVIOUS_SIGNING_KEYS"] = previous };

    private static async Task<HttpStatusCode> MeAsync(TodoApiFactory app, string token)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var response = await client.GetAsync(ApiRoutes.Me);
        return response.StatusCode;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
