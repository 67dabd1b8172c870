using Engine;
using Prerequisites;

namespace Local;

/// <summary>
/// A throwaway PostgreSQL cluster from the installed server binaries, run as a non-root user. Its own code rather than
/// the tests' ThrowawayPostgres because the local run needs what a test database does not: listening on the docker
/// network's gateway, admitting the containers' subnet in pg_hba.conf, and a restart under load (resilience).
/// </summary>
public static class LocalPostgres
{
    static HostPlatform Platform => HostPlatform.Current;

    static bool IsRoot => Platform.IsRoot;

    /// <summary>Found once per build: the same discovery the tests use (POSTGRES_BIN, pg_config, PATH, the usual folders).</summary>
    static readonly Lazy<PostgresDiscovery> Discovery = new(() => PostgresBinaries.Discover(Platform, ProgramProbe.Run));

    static LocalPostgresPlan Plan(LocalPostgresState state) =>
        new(Discovery.Value.Server?.BinDirectory ?? throw new InvalidOperationException(MissingMessage), state, IsRoot);

    static string MissingMessage => PostgresBinaries.MissingMessage(Platform, Discovery.Value, LocalPostgresPlan.Alternatives);

    public static Requirement ServerInstalled => new("PostgreSQL server binaries", _ =>
    {
        if (Discovery.Value.Server is not { } server)
            return Task.FromResult<string?>(MissingMessage);
        Log.Info("PostgreSQL {0} from {1} ({2})", server.Major, server.BinDirectory, server.FoundBy);
        // PostgreSQL refuses to run as root; a root build runs it as this user, which the Debian package creates.
        return Task.FromResult(IsRoot && !File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal))
            ? "The build runs as root, and PostgreSQL must run as an ordinary user named 'postgres', which does not exist. Create it: "
                + "`useradd --system postgres`."
            : null);
    });

    public static async Task CreateAndStartAsync(LocalPostgresState state, string runDirectory, string password, string containerSubnet,
        CancellationToken cancellationToken)
    {
        var plan = Plan(state);
        Directory.CreateDirectory(state.SocketDirectory);
        var passwordFile = Path.Combine(runDirectory, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (IsRoot)
            await RunAsync(("chown", ["-R", "postgres:postgres", runDirectory]), cancellationToken);
        try
        {
            await RunAsync(plan.InitDb(passwordFile), cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        // Written as root into a file postgres owns: an existing file keeps its owner.
        await File.WriteAllTextAsync(Path.Combine(state.DataDirectory, "pg_hba.conf"), LocalPostgresPlan.HostBasedAccess(containerSubnet),
            cancellationToken);
        await RunAsync(plan.Start(LogFile(state)), cancellationToken);
        await RunAsync(plan.CreateDatabase(), cancellationToken);
    }

    public static Task RestartAsync(LocalPostgresState state, CancellationToken cancellationToken) =>
        RunAsync(Plan(state).Restart(LogFile(state)), cancellationToken);

    /// <summary>Beside the data directory, in the run's folder (which the server's user owns).</summary>
    static string LogFile(LocalPostgresState state) => Path.Combine(Path.GetDirectoryName(state.DataDirectory)!, "postgres.log");

    public static async Task StopAsync(LocalPostgresState state, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(state.DataDirectory, "postmaster.pid")))
            await RunAsync(Plan(state).Stop(), cancellationToken, allowFailure: true);
    }

    static Task<ProcessResult> RunAsync((string Executable, IReadOnlyList<string> Arguments) command, CancellationToken cancellationToken,
        bool allowFailure = false) =>
        ProcessRunner.RunAsync(
            new ProcessSpec(command.Executable, command.Arguments) { Quiet = true, AllowFailure = allowFailure,
                Timeout = TimeSpan.FromSeconds(90) }, cancellationToken);
}
