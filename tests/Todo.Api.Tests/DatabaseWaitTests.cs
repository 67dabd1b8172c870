using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Todo.Api.Data;
using Todo.Api.Hosting;

namespace Todo.Api.Tests;

/// <summary><c>migrate</c> waits for a database that is not up yet, and only for one that may yet come up.</summary>
public sealed class DatabaseWaitTests
{
    private static readonly Exception Refused = new NpgsqlException("Failed to connect to 10.0.0.5:5432", new SocketException((int)SocketError.ConnectionRefused));

    [Fact]
    public void A_refused_connection_is_retried_with_growing_pauses_for_up_to_30_seconds()
    {
        var policy = DatabaseWaitPolicy.Default;
        var delays = new List<TimeSpan>();
        var elapsed = TimeSpan.Zero;
        for (var attempt = 1; policy.DelayAfter(attempt, elapsed, Refused) is { } delay; attempt++)
        {
            delays.Add(delay);
            elapsed += delay;
        }

        delays.Take(5).Select(d => d.TotalSeconds).ShouldBe([0.5, 1, 2, 4, 4]);
        delays.ShouldAllBe(d => d <= TimeSpan.FromSeconds(4));
        elapsed.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
        elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(26), "it uses nearly all of its budget before giving up");
    }

    [Fact]
    public void A_server_that_is_starting_up_or_restarting_is_waited_for()
    {
        DatabaseWaitPolicy.IsTransient(new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow)).ShouldBeTrue();
        DatabaseWaitPolicy.IsTransient(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown)).ShouldBeTrue();
        DatabaseWaitPolicy.IsTransient(Refused).ShouldBeTrue();
        DatabaseWaitPolicy.IsTransient(new TimeoutException()).ShouldBeTrue();
    }

    [Fact]
    public void A_wrong_password_or_a_missing_database_fails_at_once()
    {
        var wrongPassword = new PostgresException("password authentication failed for user \"todo\"", "FATAL", "FATAL", PostgresErrorCodes.InvalidPassword);
        var noDatabase = new PostgresException("database \"todo\" does not exist", "FATAL", "FATAL", PostgresErrorCodes.InvalidCatalogName);

        DatabaseWaitPolicy.Default.DelayAfter(1, TimeSpan.Zero, wrongPassword).ShouldBeNull();
        DatabaseWaitPolicy.Default.DelayAfter(1, TimeSpan.Zero, noDatabase).ShouldBeNull();
        DatabaseWaitPolicy.Default.DelayAfter(1, TimeSpan.Zero, new InvalidOperationException("a bug")).ShouldBeNull();
    }

    [Fact]
    public async Task Migrating_against_a_port_nobody_listens_on_logs_each_attempt_then_fails()
    {
        // A port the kernel just handed out and took back: connections to it are refused, like a PostgreSQL not yet up.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var app = TodoApiHost.Build([$"--DATABASE_URL=postgres://todo:secret@127.0.0.1:{port}/todo", "--LOG_LEVEL=Warning"]);
        var log = new RecordingLogger();
        // 6 s, not 2: on a loaded 2-core machine the first attempt alone (model building, JIT) has taken 4 s, and the
        // test is about logging every attempt, not about speed. Refused connections make the later attempts quick.
        var policy = new DatabaseWaitPolicy(TimeSpan.FromSeconds(6), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500));

        var failure = await Record.ExceptionAsync(() => DatabaseSetup.MigrateAsync(app.Services, log, CancellationToken.None, policy));

        failure.ShouldNotBeNull();
        DatabaseWaitPolicy.IsTransient(failure).ShouldBeTrue(failure.ToString());

        var attempts = log.Lines.Where(line => line.Contains("Attempt", StringComparison.Ordinal)).ToList();
        attempts.Count.ShouldBeGreaterThanOrEqualTo(3, string.Join('\n', log.Lines));
        attempts[^1].ShouldContain("Giving up");
        log.Lines.ShouldAllBe(line => !line.Contains("secret", StringComparison.Ordinal), "the password never reaches a log line");
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
                Lines.Add(formatter(state, exception));
        }
    }
}
