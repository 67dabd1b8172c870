using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Prerequisites;
using Testcontainers.PostgreSql;
using Todo.Api.Hosting;

namespace Todo.Testing;

/// <summary>A database created on a <see cref="ThrowawayPostgres"/> server: an Npgsql connection string and the same as a postgres:// URL.</summary>
public sealed record PostgresDatabase(string Name, string ConnectionString, string Url);

/// <summary>
/// A PostgreSQL server for tests and benchmarks. Uses TEST_DATABASE_URL when set (an existing server whose user may
/// create databases); otherwise starts a private server from the binaries <see cref="PostgresBinaries"/> discovers
/// (any of PostgreSQL 14–17) on 127.0.0.1 and a free port, as the unprivileged <c>postgres</c> user when running as
/// root, with its data under the temp folder; with no binaries but a Docker engine, a throwaway container. Dispose
/// stops the server and deletes its files (or drops the created databases on an external server).
/// </summary>
/// <example>
/// <code>
/// await using var postgres = await ThrowawayPostgres.StartAsync();
/// var database = await postgres.CreateDatabaseAsync();   // database.Url → DATABASE_URL of the app under test
/// </code>
/// </example>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string ServiceUser = "postgres";

    private readonly string? dataDirectory;
    private readonly string binDirectory;
    private readonly bool asServiceUser;
    private readonly NpgsqlConnectionStringBuilder server;
    private readonly PostgreSqlContainer? container;
    private readonly List<string> createdDatabases = [];
    private int databaseCounter;

    private ThrowawayPostgres(NpgsqlConnectionStringBuilder server, string? dataDirectory, string binDirectory, bool asServiceUser, PostgreSqlContainer? container = null)
    {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.binDirectory = binDirectory;
        this.asServiceUser = asServiceUser;
        this.container = container;
    }

    /// <summary>Where this run's server came from: "TEST_DATABASE_URL", "PostgreSQL 16 from /usr/lib/postgresql/16/bin (…)", or the container image.</summary>
    public string Origin { get; private init; } = "";

    /// <summary>Connection string of the server's maintenance database (<c>postgres</c>).</summary>
    public string ServerConnectionString => server.ConnectionString;

    public static async Task<ThrowawayPostgres> StartAsync(CancellationToken cancellationToken = default)
    {
        var external = Environment.GetEnvironmentVariable("TEST_DATABASE_URL");
        var platform = HostPlatform.Current;
        var discovery = string.IsNullOrEmpty(external) ? PostgresBinaries.Discover() : new PostgresDiscovery(null, [], null);
        var source = PostgresSource.Decide(external, discovery, DockerEndpoint.Likely(platform), platform);
        switch (source.Kind)
        {
            case PostgresSourceKind.External:
                var builder = new NpgsqlConnectionStringBuilder(PostgresUrl.IsUrl(external!) ? PostgresUrl.ToConnectionString(external!) : external);
                return new ThrowawayPostgres(builder, null, "", false) { Origin = "TEST_DATABASE_URL" };
            case PostgresSourceKind.Container:
                return await StartContainerAsync(platform, discovery, cancellationToken);
            case PostgresSourceKind.Missing:
                throw new InvalidOperationException(source.Message);
        }

        return await StartServerAsync(source.Server!, platform.IsRoot, cancellationToken);
    }

    private static async Task<ThrowawayPostgres> StartContainerAsync(HostPlatform platform, PostgresDiscovery discovery, CancellationToken cancellationToken)
    {
        var container = new PostgreSqlBuilder(PostgresSource.ContainerImage).Build();
        try
        {
            await container.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await container.DisposeAsync();
            throw new InvalidOperationException(PostgresSource.ContainerFailed(platform, discovery, exception.Message), exception);
        }

        return new ThrowawayPostgres(new NpgsqlConnectionStringBuilder(container.GetConnectionString()), null, "", false, container)
        {
            Origin = PostgresSource.ContainerImage + " container",
        };
    }

    private static async Task<ThrowawayPostgres> StartServerAsync(PostgresServer found, bool asServiceUser, CancellationToken cancellationToken)
    {
        if (asServiceUser)
        {
            await EnsureServiceUserAsync(cancellationToken);
        }

        var directory = Path.Combine(Path.GetTempPath(), "throwaway-postgres-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var instance = new ThrowawayPostgres(new NpgsqlConnectionStringBuilder(), directory, found.BinDirectory, asServiceUser)
        {
            Origin = $"PostgreSQL {found.Major} from {found.BinDirectory} ({found.FoundBy})",
        };
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
            // Windows has no Unix sockets to place; elsewhere the socket lives in the run's own folder.
            var socket = OperatingSystem.IsWindows() ? "" : $"-k {directory} ";
            var options = $"-p {port} {socket}-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
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
        if (container is not null)
        {
            await container.DisposeAsync();
            return;
        }

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
        if (OperatingSystem.IsWindows())
        {
            // No sh to watch with; DisposeAsync stops the server, and a killed run leaves a folder in %TEMP%.
            return;
        }

        var data = Path.Combine(dataDirectory!, "data");
        var stop = asServiceUser
            ? $"runuser -u {ServiceUser} -- '{binDirectory}/pg_ctl' -D '{data}' -m immediate stop"
            : $"'{binDirectory}/pg_ctl' -D '{data}' -m immediate stop";
        // The inner "( … ) &" detaches from this process's tree: test runners kill the whole tree of a test host.
        // setsid also leaves the process group; macOS has no setsid program, and `set -m` gives the job its own group.
        var script = $"set -m; ( while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; "
            + $"if [ -f '{data}/postmaster.pid' ]; then {stop}; fi; rm -rf '{dataDirectory}' ) </dev/null >/dev/null 2>&1 &";
        var command = OperatingSystem.IsLinux() ? new[] { "setsid", "sh", "-c", script } : ["/bin/sh", "-c", script];
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        using var launcher = Process.Start(start);
        launcher?.WaitForExit();
    }

    private Task<int> PgAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        asServiceUser
            ? RunAsync("runuser", ["-u", ServiceUser, "--", Path.Combine(binDirectory, tool), .. arguments], false, cancellationToken)
            : RunAsync(Path.Combine(binDirectory, tool), arguments, false, cancellationToken);

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
