using Local;

namespace Build.Tests.Local;

public class LocalPostgresPlanTests
{
    static readonly LocalPostgresState State = new("/tmp/run/pgdata", "/tmp/run/socket", 54321, "127.0.0.1,172.18.0.1", "todo", "todo");

    [Fact]
    public void As_root_every_server_command_runs_as_the_postgres_user()
    {
        var (executable, arguments) = new LocalPostgresPlan("/usr/lib/postgresql/15/bin", State, RunAsPostgresUser: true).Start("/tmp/run/postgres.log");

        Assert.Equal("runuser", executable);
        Assert.Equal(["-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "start"], arguments.Take(5));
    }

    [Fact]
    public void As_an_ordinary_user_the_binaries_run_directly() =>
        Assert.Equal("/usr/lib/postgresql/15/bin/initdb", new LocalPostgresPlan("/usr/lib/postgresql/15/bin", State, RunAsPostgresUser: false).InitDb("/tmp/pw").Executable);

    [Fact]
    public void The_server_listens_on_loopback_and_the_container_gateway_on_the_chosen_port()
    {
        var (_, arguments) = new LocalPostgresPlan("/bin", State, false).Start("/tmp/log");
        var options = arguments[arguments.ToList().IndexOf("-o") + 1];

        Assert.Contains("listen_addresses='127.0.0.1,172.18.0.1'", options, StringComparison.Ordinal);
        Assert.Contains("port=54321", options, StringComparison.Ordinal);
        Assert.Contains("unix_socket_directories='/tmp/run/socket'", options, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restart_is_fast_waits_until_the_server_accepts_connections_and_logs_to_a_file_not_the_callers_pipe()
    {
        var (_, arguments) = new LocalPostgresPlan("/bin", State, false).Restart("/tmp/run/postgres.log");

        Assert.Equal("restart", arguments[0]);
        Assert.Contains("fast", arguments);
        Assert.Contains("--wait", arguments);
        Assert.Equal("/tmp/run/postgres.log", arguments[arguments.ToList().IndexOf("--log") + 1]);
    }

    [Fact]
    public void Host_access_admits_loopback_and_the_container_subnet_by_password_only()
    {
        var lines = LocalPostgresPlan.HostBasedAccess("172.18.0.0/16").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("host all all 172.18.0.0/16 scram-sha-256", lines);
        Assert.Contains("host all all 127.0.0.1/32 scram-sha-256", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("host", StringComparison.Ordinal) && line.EndsWith("trust", StringComparison.Ordinal));
    }

    [Fact]
    public void The_database_url_escapes_the_password() =>
        Assert.Equal("postgres://todo:p%40ss%2Fw%3Ard@172.18.0.1:54321/todo", LocalPostgresPlan.DatabaseUrl(State, "172.18.0.1", "p@ss/w:rd"));
}
