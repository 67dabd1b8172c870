using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Todo.Api.Data;

/// <summary>
/// Retries a database operation that failed transiently, and when it failed because the server went away (a restart,
/// a failover, a killed backend), first empties the connection pool. Npgsql does not notice a restart until it uses
/// each pooled connection again (npgsql/npgsql#5073, npgsql/doc#132), so without this every idle connection in the
/// pool would fail one request after PostgreSQL came back.
/// </summary>
public sealed class ReconnectingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorCodesToAdd: null)
{
    // The first retry is immediate (EF's backoff starts at zero); three cover a pool emptied mid-flight twice over,
    // and a request never waits more than a few seconds for a database that is really down.
    private const int MaxRetries = 3;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    protected override bool ShouldRetryOn(Exception? exception)
    {
        if (exception is not null && IsConnectionLost(exception) && Dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            // Idle connections close now; busy ones close when they are returned.
            NpgsqlConnection.ClearPool(connection);
            return true;
        }

        return base.ShouldRetryOn(exception);
    }

    /// <summary>
    /// The server ended the session (SQLSTATE 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now)
    /// or the socket broke under it. Errors inside a healthy session (serialization failures, deadlocks) are not
    /// a lost connection and leave the pool alone.
    /// </summary>
    public static bool IsConnectionLost(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: [ '5', '7', 'P', _, _ ] } || current is IOException or SocketException or EndOfStreamException)
            {
                return true;
            }
        }

        return false;
    }
}
