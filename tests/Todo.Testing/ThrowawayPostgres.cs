using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Todo.Api.Hosting;

namespace Todo.Testing;

/// <summary>A database created on a <see cref="ThrowawayPostgres"/> server: an Npgsql connection string and the same as a postgres:// URL.</summary>
public sealed record PostgresDatabase(string Name, string ConnectionString, string Url);

/// <summary>
/// A PostgreSQL server for tests and benchmarks. Uses TEST_DATABASE_URL when set (an existing server whose user may
/// create databases); otherwise starts a private PostgreSQL 15 from /usr/lib/postgresql/15/bin on 127.0.0.1 and a
/// free port, as the unprivileged <c>postgres</c> user when running as root, with its data under /tmp. Dispose stops
/// the server and deletes its files (or drops the created databases on an external server).
/// </summary>
/// <example>
/// <code>
/// await using var postgres = await ThrowawayPostgres.StartAsync();
/// var database = await postgres.CreateDatabaseAsync();   // database.Url → DATABASE_URL of the app under test
/// </code>
/// </example>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string ServiceUser = "postgres";

    private readonly string? dataDirectory;
    private readonly bool asServiceUser;
    private readonly NpgsqlConnectionStringBuilder server;
    private readonly List<string> createdDatabases = [];
    private int databaseCounter;

    private ThrowawayPostgres(NpgsqlConnectionStringBuilder server, string? dataDirectory, bool asServiceUser)
    {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.asServiceUser = asServiceUser;
    }

    /// <summary>Connection string of the server's maintenance database (<c>postgres</c>).</summary>
    public string ServerConnectionString => server.ConnectionString;

    public static async Task<ThrowawayPostgres> StartAsync(CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable("TEST_DATABASE_URL") is { Length: > 0 } external)
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresUrl.IsUrl(external) ? PostgresUrl.ToConnectionString(external) : external);
            return new ThrowawayPostgres(builder, null, false);
        }

        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 server binaries were not found in {BinDirectory}. Install them with "
                + "`apt-get install -y postgresql` (Debian 12), or set TEST_DATABASE_URL=postgres://user:password@host:5432/postgres "
                + "to use an existing server.");
        }

        var asServiceUser = Environment.UserName == "root";
        if (asServiceUser)
        {
            await EnsureServiceUserAsync(cancellationToken);
        }

        var directory = Path.Combine(Path.GetTempPath(), "throwaway-postgres-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var instance = new ThrowawayPostgres(new NpgsqlConnectionStringBuilder(), directory, asServiceUser);
        try
        {
            if (asServiceUser)
            {
                await RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", directory], false, cancellationToken);
            }

            var data = Path.Combine(directory, "data");
            await instance.PgAsync("initdb", ["-D", data, "-U", ServiceUser, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"], cancellationToken);
            var port = FreePort();
            // Durability settings off: this server's data dies with the test run anyway, and fsync is most of the cost.
            var options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                + "-c full_page_writes=off -c max_connections=200";
            await instance.PgAsync("pg_ctl", ["-D", data, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], cancellationToken);
            instance.StartWatchdog();
            instance.server.Host = "127.0.0.1";
            instance.server.Port = port;
            instance.server.Username = ServiceUser;
            instance.server.Database = "postgres";
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database (named <paramref name="name"/> or generated) and returns how to reach it.</summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= string.Create(CultureInfo.InvariantCulture, $"test_{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid().ToString("N")[..6]}");
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "", StringComparison.Ordinal)}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (createdDatabases)
        {
            createdDatabases.Add(name);
        }

        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        var credentials = Uri.EscapeDataString(builder.Username ?? ServiceUser) + (builder.Password is { Length: > 0 } password ? ":" + Uri.EscapeDataString(password) : "");
        var url = string.Create(CultureInfo.InvariantCulture, $"postgres://{credentials}@{builder.Host}:{builder.Port}/{Uri.EscapeDataString(name)}");
        if (builder.SslMode != SslMode.Disable && builder.SslMode != SslMode.Prefer)
        {
            url += "?sslmode=" + builder.SslMode.ToString().ToLowerInvariant();
        }

        return new PostgresDatabase(name, builder.ConnectionString, url);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (dataDirectory is null)
        {
            await DropCreatedDatabasesAsync();
            return;
        }

        var data = Path.Combine(dataDirectory, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                await PgAsync("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Already gone; the files are removed below either way.
            }
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover directory under /tmp is harmless.
        }
    }

    private async Task DropCreatedDatabasesAsync()
    {
        string[] names;
        lock (createdDatabases)
        {
            names = [.. createdDatabases];
        }

        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// A detached watcher that stops the server and deletes its files once this process is gone, however it ends:
    /// test hosts are often killed before disposal or exit handlers finish.
    /// </summary>
    private void StartWatchdog()
    {
        var data = Path.Combine(dataDirectory!, "data");
        var stop = asServiceUser
            ? $"runuser -u {ServiceUser} -- {BinDirectory}/pg_ctl -D '{data}' -m immediate stop"
            : $"{BinDirectory}/pg_ctl -D '{data}' -m immediate stop";
        // The inner "( … ) &" detaches from this process's tree: test runners kill the whole tree of a test host.
        var script = $"( while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; "
            + $"if [ -f '{data}/postmaster.pid' ]; then {stop}; fi; rm -rf '{dataDirectory}' ) </dev/null >/dev/null 2>&1 &";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var launcher = Process.Start(start);
        launcher?.WaitForExit();
    }

    private Task<int> PgAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        asServiceUser
            ? RunAsync("runuser", ["-u", ServiceUser, "--", Path.Combine(BinDirectory, tool), .. arguments], false, cancellationToken)
            : RunAsync(Path.Combine(BinDirectory, tool), arguments, false, cancellationToken);

    private static async Task EnsureServiceUserAsync(CancellationToken cancellationToken)
    {
        if (await RunAsync("id", ["-u", ServiceUser], true, cancellationToken) != 0)
        {
            await RunAsync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", ServiceUser], false, cancellationToken);
        }
    }

    private static async Task<int> RunAsync(string file, IReadOnlyList<string> arguments, bool allowFailure, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException(
                $"`{file} {string.Join(' ', arguments)}` failed with exit code {process.ExitCode}:\n{await output}{await error}");
        }

        return process.ExitCode;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
