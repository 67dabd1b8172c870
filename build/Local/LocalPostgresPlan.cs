namespace Local;

/// <summary>
/// The commands that make, start, restart and stop a throwaway PostgreSQL cluster from the installed server binaries.
/// PostgreSQL refuses to run as root, so a root build runs every server command as the unprivileged 'postgres' user.
/// </summary>
public sealed record LocalPostgresPlan(string BinDirectory, LocalPostgresState State, bool RunAsPostgresUser)
{
    /// <summary>The end of the "no server" message for the local runs, which need the binaries themselves: the server
    /// listens on the docker network's gateway and is restarted under load, which a test container does not give.</summary>
    public const string Alternatives = "the local runs (Up, SmokeTest, Resilience) start the server themselves from these binaries.";

    public (string Executable, IReadOnlyList<string> Arguments) InitDb(string passwordFile) => As("initdb",
        "--pgdata", State.DataDirectory, "--username", State.User, "--pwfile", passwordFile,
        "--auth-local", "trust", "--auth-host", "scram-sha-256", "--encoding", "UTF8", "--no-instructions");

    public (string Executable, IReadOnlyList<string> Arguments) Start(string logFile) => As("pg_ctl",
        "start", "--pgdata", State.DataDirectory, "--log", logFile, "--wait", "--timeout", "30",
        "-o", ServerOptions);

    /// <summary>
    /// The server started by a restart inherits pg_ctl's output unless told where to log, and an inherited pipe keeps the
    /// caller waiting for an end of output that never comes: so a restart names the log file too.
    /// </summary>
    public (string Executable, IReadOnlyList<string> Arguments) Restart(string logFile) => As("pg_ctl",
        "restart", "--pgdata", State.DataDirectory, "--log", logFile, "--mode", "fast", "--wait", "--timeout", "30", "-o", ServerOptions);

    public (string Executable, IReadOnlyList<string> Arguments) Stop() => As("pg_ctl",
        "stop", "--pgdata", State.DataDirectory, "--mode", "fast", "--wait", "--timeout", "30");

    public (string Executable, IReadOnlyList<string> Arguments) CreateDatabase() => As("createdb",
        "--host", State.SocketDirectory, "--port", State.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--username", State.User, State.Database);

    string ServerOptions => string.Join(' ',
        $"-c listen_addresses='{State.ListenAddresses}'",
        $"-c port={State.Port}",
        $"-c unix_socket_directories='{State.SocketDirectory}'",
        // fsync off: the cluster is thrown away after the run, and a durable write costs the 2-core machine dearly.
        "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off");

    /// <summary>The pg_hba.conf lines: the containers' subnet and loopback, by password; the socket stays trust.</summary>
    public static string HostBasedAccess(string containerSubnet) =>
        "local all all trust\n"
        + "host all all 127.0.0.1/32 scram-sha-256\n"
        + $"host all all {containerSubnet} scram-sha-256\n";

    /// <summary>How the containers reach the database: by the network's gateway, where the server listens.</summary>
    public static string DatabaseUrl(LocalPostgresState state, string host, string password) =>
        $"postgres://{Uri.EscapeDataString(state.User)}:{Uri.EscapeDataString(password)}@{host}:{state.Port}/"
        + Uri.EscapeDataString(state.Database);

    (string, IReadOnlyList<string>) As(string tool, params string[] arguments)
    {
        var executable = Path.Combine(BinDirectory, tool);
        return RunAsPostgresUser ? ("runuser", ["-u", "postgres", "--", executable, .. arguments]) : (executable, arguments);
    }
}
