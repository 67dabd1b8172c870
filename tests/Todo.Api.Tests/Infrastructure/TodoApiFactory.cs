using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Todo.Contracts;

namespace Todo.Api.Tests.Infrastructure;

/// <summary>The real app in-process, configured only through the environment-variable keys users set.</summary>
public sealed class TodoApiFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>
    /// The clock the app reads instead of the system's, for rules that span minutes (a failure window of 15); null
    /// keeps the system clock.
    /// </summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Limits high enough that a test run never trips them by accident; tests of the limits lower them.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "100000",
        ["RATE_LIMIT_CHAT_PER_MINUTE"] = "100000",
        ["RATE_LIMIT_AUTH_PER_MINUTE"] = "100000",
        ["SHUTDOWN_DRAIN_SECONDS"] = "0",
        ["LOG_LEVEL"] = "Warning",
        // Most tests run without AUTH_SIGNING_KEY on purpose (replicas sharing the database's key); Production
        // refuses that unless told, and one test checks exactly that refusal.
        ["AUTH_ALLOW_DATABASE_SIGNING_KEY"] = "true",
    };

    public static TodoApiFactory OnSqlite(string path, IReadOnlyDictionary<string, string?>? extra = null) =>
        new(Merge(new Dictionary<string, string?> { ["SQLITE_PATH"] = path }, extra));

    public static TodoApiFactory OnPostgres(string databaseUrl, IReadOnlyDictionary<string, string?>? extra = null, TimeProvider? clock = null) =>
        new(Merge(new Dictionary<string, string?> { ["DATABASE_URL"] = databaseUrl }, extra)) { Clock = clock };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    /// <summary>
    /// Starts the app where the test expects the start to be refused: it must not serve, and it must log one critical
    /// line, "Start-up failed: " and the reason (the program then ends with exit code 1). Returns the reason.
    /// </summary>
    public string RefusedStartReason()
    {
        var logs = new RecordingLoggerProvider();
        using var app = WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));

        Should.Throw<Exception>(() => app.CreateClient());

        var failure = logs.Entries.Where(entry => entry.Level == LogLevel.Critical).ShouldHaveSingleItem().Message;
        failure.ShouldStartWith("Start-up failed: ");
        return failure["Start-up failed: ".Length..];
    }

    /// <summary>A new account with a unique email, and a client that sends its token.</summary>
    public Task<(HttpClient Client, AuthResponse Auth)> SignUpAsync(string? name = null)
        => SignUpAsync(CreateClient(), name);

    /// <summary>A new account with a unique email, signed up through <paramref name="client"/> (of this app or of one
    /// derived from it with <c>WithWebHostBuilder</c>), which then sends its token.</summary>
    public static async Task<(HttpClient Client, AuthResponse Auth)> SignUpAsync(HttpClient client, string? name = null)
    {
        var email = $"{name ?? "user"}-{Guid.NewGuid():N}@example.com";
        using var response = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "correct horse battery", name));
        response.EnsureSuccessStatusCode();
        var auth = (await response.Content.ReadFromJsonAsync<AuthResponse>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);
        return (client, auth);
    }

    private static Dictionary<string, string?> Merge(Dictionary<string, string?> database, IReadOnlyDictionary<string, string?>? extra)
    {
        var all = new Dictionary<string, string?>(Defaults);
        foreach (var (key, value) in database)
        {
            all[key] = value;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }
}
