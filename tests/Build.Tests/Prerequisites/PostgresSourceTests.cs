using Prerequisites;

namespace Build.Tests.Prerequisites;

public sealed class PostgresSourceTests : IDisposable
{
    private readonly FakeMachine machine = new();

    public void Dispose() => machine.Dispose();

    private static readonly PostgresDiscovery Nothing = new(null, [], null);

    [Fact]
    public void TEST_DATABASE_URL_wins_over_everything() =>
        Assert.Equal(PostgresSourceKind.External,
            PostgresSource.Decide("postgres://u:p@db:5432/postgres", new(new("/bin", 16, "PATH"), [], null), true, machine.Platform(HostOs.Linux)).Kind);

    [Fact]
    public void Installed_binaries_come_before_a_container()
    {
        var source = PostgresSource.Decide(null, new(new("/usr/lib/postgresql/16/bin", 16, "Debian/Ubuntu package"), [], null), true, machine.Platform(HostOs.Linux));

        Assert.Equal(PostgresSourceKind.Binaries, source.Kind);
        Assert.Equal("/usr/lib/postgresql/16/bin", source.Server?.BinDirectory);
    }

    [Fact]
    public void With_no_binaries_but_Docker_a_container_is_used() =>
        Assert.Equal(PostgresSourceKind.Container, PostgresSource.Decide(null, Nothing, dockerReachable: true, machine.Platform(HostOs.MacOS)).Kind);

    [Fact]
    public void A_wrong_POSTGRES_BIN_is_not_papered_over_with_a_container()
    {
        var source = PostgresSource.Decide(null, new(null, ["/x (POSTGRES_BIN): no initdb"], "POSTGRES_BIN=/x is not a usable PostgreSQL server folder"), true, machine.Platform(HostOs.Linux));

        Assert.Equal(PostgresSourceKind.Missing, source.Kind);
        Assert.StartsWith("POSTGRES_BIN=/x", source.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_neither_binaries_nor_Docker_the_message_names_the_install_command()
    {
        var source = PostgresSource.Decide(null, Nothing, dockerReachable: false, machine.Platform(HostOs.MacOS));

        Assert.Equal(PostgresSourceKind.Missing, source.Kind);
        Assert.Contains("`brew install postgresql@16`", source.Message, StringComparison.Ordinal);
        Assert.Contains("start Docker", source.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_container_says_what_was_tried_why_it_failed_and_what_to_install()
    {
        var message = PostgresSource.ContainerFailed(machine.Platform(HostOs.Linux, false, "ubuntu"), Nothing, "pull access denied for postgres");

        Assert.Contains("`sudo apt-get install -y postgresql`", message, StringComparison.Ordinal);
        Assert.Contains("a postgres:16-alpine container was tried, and it failed: pull access denied for postgres", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_is_likely_where_DOCKER_HOST_is_set_or_its_socket_exists()
    {
        Assert.False(DockerEndpoint.Likely(machine.Platform(HostOs.Linux)));

        machine.FileAt("/var/run/docker.sock");
        Assert.True(DockerEndpoint.Likely(machine.Platform(HostOs.Linux)));

        machine["DOCKER_HOST"] = "tcp://127.0.0.1:2375";
        Assert.True(DockerEndpoint.Likely(machine.Platform(HostOs.MacOS)));
    }
}
