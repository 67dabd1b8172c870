using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Todo.Api.Data;

/// <summary>
/// How long <c>migrate</c> waits for the database to accept connections. In Kubernetes it runs as an init container
/// that often starts before PostgreSQL is ready; failing at once would only make the pod crash-loop.
/// </summary>
public sealed record DatabaseWaitPolicy(TimeSpan Budget, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public static readonly DatabaseWaitPolicy Default = new(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4));

    /// <summary>
    /// The pause before attempt <paramref name="failedAttempts"/> + 1, or null to give up: the failure is not one
    /// that waiting cures (a wrong password, a missing database), or the next attempt would start past the budget.
    /// </summary>
    public TimeSpan? DelayAfter(int failedAttempts, TimeSpan elapsed, Exception failure)
    {
        if (!IsTransient(failure))
            return null;
        var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(failedAttempts - 1, 16)));
        return elapsed + delay <= Budget ? delay : null;
    }

    /// <summary>Refused or reset connections, time-outs, and a server that is starting or shutting down.</summary>
    public static bool IsTransient(Exception failure) => failure switch
    {
        // 57P03 cannot_connect_now ("the database system is starting up"), 57P01 admin_shutdown (a restart).
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException => true,
        // EF Core wraps a transient failure in "likely due to a transient failure" when no retrying strategy is set.
        _ => failure.InnerException is { } inner && IsTransient(inner),
    };
}

public static class DatabaseWait
{
    /// <summary>Opens (and closes) a connection until one succeeds, logging each failed attempt, within the policy.</summary>
    public static async Task UntilReachableAsync(TodoDbContext db, DatabaseWaitPolicy policy, string description, ILogger logger,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The bare connection, not OpenConnectionAsync: that runs inside the retrying execution strategy,
                // whose own retries would hide the attempts this loop counts, logs and budgets.
                var connection = db.Database.GetDbConnection();
                await connection.OpenAsync(cancellationToken);
                await connection.CloseAsync();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var elapsed = time.GetElapsedTime(started);
                var delay = policy.DelayAfter(attempt, elapsed, e);
                if (delay is null)
                {
                    logger.LogError("Attempt {Attempt} to reach {Database} failed after {Elapsed:F1} s: {Reason}. Giving up.",
                        attempt, description, elapsed.TotalSeconds, e.Message);
                    throw;
                }

                logger.LogWarning("Attempt {Attempt} to reach {Database} failed: {Reason}. Retrying in {Delay:F1} s (gives up {Budget:F0} s after the first).",
                    attempt, description, e.Message, delay.Value.TotalSeconds, policy.Budget.TotalSeconds);
                await Task.Delay(delay.Value, time, cancellationToken);
            }
        }
    }
}
