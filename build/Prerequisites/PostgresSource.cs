namespace Prerequisites;

public enum PostgresSourceKind
{
    /// <summary>An existing server named by TEST_DATABASE_URL.</summary>
    External,

    /// <summary>A private server started from discovered binaries.</summary>
    Binaries,

    /// <summary>A throwaway PostgreSQL container (no binaries, but a Docker engine answers).</summary>
    Container,

    /// <summary>Nothing: <see cref="PostgresSource.Message"/> says what to install.</summary>
    Missing,
}

/// <summary>Where a test run's PostgreSQL comes from, and for <see cref="PostgresSourceKind.Missing"/> what to do.</summary>
public sealed record PostgresSource(PostgresSourceKind Kind, PostgresServer? Server, string? Message)
{
    /// <summary>The image a container fallback runs: a supported major, small.</summary>
    public const string ContainerImage = "postgres:16-alpine";

    /// <summary>What tests may use instead of installing a server, for the one "nothing found" message.</summary>
    public const string TestAlternatives =
        "or set TEST_DATABASE_URL=postgres://user:password@host:5432/postgres to use an existing server whose user may create "
        + "databases; or start Docker, and the tests run PostgreSQL in a throwaway container.";

    /// <summary>
    /// TEST_DATABASE_URL wins; then binaries found by discovery; then a container where Docker is reachable — unless
    /// POSTGRES_BIN was set and is wrong, which is a mistake to report, not to paper over with a container.
    /// </summary>
    public static PostgresSource Decide(string? testDatabaseUrl, PostgresDiscovery discovery, bool dockerReachable,
        HostPlatform platform) =>
        testDatabaseUrl is { Length: > 0 } ? new(PostgresSourceKind.External, null, null)
        : discovery.Server is { } server ? new(PostgresSourceKind.Binaries, server, null)
        : dockerReachable && discovery.ExplicitError is null ? new(PostgresSourceKind.Container, null, null)
        : new(PostgresSourceKind.Missing, null, PostgresBinaries.MissingMessage(platform, discovery, TestAlternatives));

    /// <summary>When the container fallback fails too (no image can be pulled, the engine refuses): both stories in one message.</summary>
    public static string ContainerFailed(HostPlatform platform, PostgresDiscovery discovery, string containerError) =>
        PostgresBinaries.MissingMessage(platform, discovery, TestAlternatives)
        + $" (Docker is reachable, so a {ContainerImage} container was tried, and it failed: {containerError})";
}

/// <summary>Whether a Docker engine is likely to answer, judged by its usual endpoints (no engine call).</summary>
public static class DockerEndpoint
{
    public static bool Likely(HostPlatform platform) =>
        platform.Variable("DOCKER_HOST") is { Length: > 0 }
        || (platform.Os == HostOs.Windows
            ? File.Exists(@"\\.\pipe\docker_engine")
            : File.Exists(platform.Under("/var/run/docker.sock"))
              || (platform.Variable("HOME") is { Length: > 0 } home && File.Exists(Path.Combine(home, ".docker", "run", "docker.sock"))));
}
