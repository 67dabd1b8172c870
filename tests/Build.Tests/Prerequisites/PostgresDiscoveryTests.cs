using Prerequisites;

namespace Build.Tests.Prerequisites;

public sealed class PostgresDiscoveryTests : IDisposable
{
    private readonly FakeMachine machine = new();

    public void Dispose() => machine.Dispose();

    [Theory]
    [InlineData("postgres (PostgreSQL) 16.4 (Ubuntu 16.4-1.pgdg24.04+1)", 16)]
    [InlineData("postgres (PostgreSQL) 15.10 (Debian 15.10-0+deb12u1)\n", 15)]
    [InlineData("postgres (PostgreSQL) 17.2", 17)]
    [InlineData("postgres (PostgreSQL) 18beta1", 18)]
    [InlineData("postgres (PostgreSQL) 9.6.24", 9)]
    public void The_major_version_is_read_from_postgres_version(string output, int major) =>
        Assert.Equal(major, PostgresBinaries.ParseMajor(output));

    [Theory]
    [InlineData("")]
    [InlineData("pg_ctl (PostgreSQL)")]
    [InlineData("command not found")]
    public void An_answer_without_a_version_is_no_version(string output) => Assert.Null(PostgresBinaries.ParseMajor(output));

    [Fact]
    public void On_Ubuntu_24_04_the_PostgreSQL_16_package_is_found()
    {
        machine.PostgresAt("/usr/lib/postgresql/16/bin", "16.4 (Ubuntu 16.4-1build1)");

        var found = PostgresBinaries.Discover(machine.Platform(HostOs.Linux, false, "ubuntu", "debian"), FakeMachine.Probe);

        Assert.Equal(machine.PathOf("/usr/lib/postgresql/16/bin"), found.Server?.BinDirectory);
        Assert.Equal(16, found.Server?.Major);
    }

    [Fact]
    public void Of_several_Debian_packages_the_newest_supported_wins_numerically_not_alphabetically()
    {
        machine.PostgresAt("/usr/lib/postgresql/9.6/bin", "9.6.24");
        machine.PostgresAt("/usr/lib/postgresql/15/bin", "15.10");
        machine.PostgresAt("/usr/lib/postgresql/16/bin", "16.4");
        machine.PostgresAt("/usr/lib/postgresql/18/bin", "18.0");

        var found = PostgresBinaries.Discover(machine.Platform(HostOs.Linux), FakeMachine.Probe);

        Assert.Equal(16, found.Server?.Major);
        Assert.Contains(found.Rejected, r => r.Contains("PostgreSQL 18 (supported: 14–17)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_order_is_POSTGRES_BIN_then_pg_config_then_PATH_then_the_usual_folders()
    {
        var explicitBin = machine.PostgresAt("/custom/pg/bin", "14.1");
        var configured = machine.PostgresAt("/opt/pgconfig/bin", "15.1");
        var onPath = machine.PostgresAt("/opt/onpath/bin", "16.1");
        machine.PostgresAt("/usr/lib/postgresql/17/bin", "17.1");
        machine.FileAt("/usr/local/bin/pg_config", configured);
        machine["PATH"] = machine.PathOf("/usr/local/bin") + ":" + onPath;
        var platform = machine.Platform(HostOs.Linux);

        Assert.Equal(
            ["POSTGRES_BIN", "pg_config --bindir", "PATH", "Debian/Ubuntu package"],
            WithExplicit(platform, explicitBin).Select(c => c.FoundBy));
        Assert.Equal(explicitBin, WithExplicit(platform, explicitBin).First().BinDirectory);
        Assert.Equal(configured, PostgresBinaries.Discover(platform, FakeMachine.Probe).Server?.BinDirectory);
    }

    private List<PostgresCandidate> WithExplicit(HostPlatform platform, string explicitBin)
    {
        machine["POSTGRES_BIN"] = explicitBin;
        var candidates = PostgresBinaries.Candidates(platform, FakeMachine.Probe).ToList();
        machine["POSTGRES_BIN"] = null;
        return candidates;
    }

    [Fact]
    public void A_wrong_POSTGRES_BIN_is_reported_as_such_instead_of_silently_using_another_server()
    {
        machine.PostgresAt("/usr/lib/postgresql/16/bin", "16.4");
        machine["POSTGRES_BIN"] = "/nowhere/bin";
        var platform = machine.Platform(HostOs.Linux, false, "debian");

        var found = PostgresBinaries.Discover(platform, FakeMachine.Probe);
        var message = PostgresBinaries.MissingMessage(platform, found, PostgresSource.TestAlternatives);

        Assert.Null(found.Server);
        Assert.StartsWith("POSTGRES_BIN=/nowhere/bin is not a usable PostgreSQL server folder: no initdb, pg_ctl, postgres", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_POSTGRES_BIN_of_an_unsupported_version_says_which_version_it_holds()
    {
        machine["POSTGRES_BIN"] = machine.PostgresAt("/old/bin", "13.2");

        var message = PostgresBinaries.Discover(machine.Platform(HostOs.Linux), FakeMachine.Probe).ExplicitError;

        Assert.Contains("PostgreSQL 13 (supported: 14–17)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_missing_a_server_tool_is_passed_over_naming_what_it_lacks()
    {
        // Debian's client package alone: psql and pg_dump, no server.
        machine.PostgresAt("/opt/clientonly/bin", "16.1", "", "initdb", "pg_ctl");
        machine.PostgresAt("/usr/lib/postgresql/15/bin", "15.10");
        machine["PATH"] = machine.PathOf("/opt/clientonly/bin");

        var found = PostgresBinaries.Discover(machine.Platform(HostOs.Linux), FakeMachine.Probe);

        Assert.Equal(15, found.Server?.Major);
        Assert.Contains(found.Rejected, r => r.EndsWith("(PATH): no initdb, pg_ctl", StringComparison.Ordinal));
    }

    [Fact]
    public void On_macOS_Homebrew_on_Apple_Silicon_comes_before_Intel_Homebrew_and_Postgres_app()
    {
        machine.PostgresAt("/opt/homebrew/opt/postgresql@14/bin", "14.9");
        machine.PostgresAt("/opt/homebrew/opt/postgresql@16/bin", "16.4");
        machine.PostgresAt("/usr/local/opt/postgresql@17/bin", "17.0");
        machine.PostgresAt("/Applications/Postgres.app/Contents/Versions/latest/bin", "17.2");
        var platform = machine.Platform(HostOs.MacOS);

        var found = PostgresBinaries.Discover(platform, FakeMachine.Probe);

        Assert.Equal(machine.PathOf("/opt/homebrew/opt/postgresql@16/bin"), found.Server?.BinDirectory);
        Assert.Equal("Homebrew", found.Server?.FoundBy);
        Assert.Equal(
            ["/opt/homebrew/opt/postgresql@16/bin", "/opt/homebrew/opt/postgresql@14/bin", "/usr/local/opt/postgresql@17/bin", "/Applications/Postgres.app/Contents/Versions/latest/bin"],
            PostgresBinaries.Candidates(platform, FakeMachine.Probe).Select(c => "/" + Path.GetRelativePath(machine.Root, c.BinDirectory).Replace('\\', '/')));
    }

    [Fact]
    public void On_macOS_Postgres_app_alone_is_found()
    {
        machine.PostgresAt("/Applications/Postgres.app/Contents/Versions/15/bin", "15.4");

        var found = PostgresBinaries.Discover(machine.Platform(HostOs.MacOS), FakeMachine.Probe);

        Assert.Equal("Postgres.app", found.Server?.FoundBy);
    }

    [Fact]
    public void On_Windows_the_installers_folder_under_Program_Files_is_found_newest_first_with_exe_names()
    {
        var programFiles = machine.PathOf("/Program Files");
        machine["ProgramFiles"] = programFiles;
        machine.PostgresAt("/Program Files/PostgreSQL/14/bin", "14.11", ".exe");
        machine.PostgresAt("/Program Files/PostgreSQL/16/bin", "16.2", ".exe");
        machine.PostgresAt("/Program Files/PostgreSQL/12/bin", "12.1");   // no .exe: not a Windows install

        var found = PostgresBinaries.Discover(machine.Platform(HostOs.Windows), FakeMachine.Probe);

        Assert.Equal(Path.Combine(programFiles, "PostgreSQL", "16", "bin"), found.Server?.BinDirectory);
        Assert.Equal("PostgreSQL installer", found.Server?.FoundBy);
    }

    [Theory]
    [InlineData(HostOs.Linux, false, "debian", "`sudo apt-get install -y postgresql`")]
    [InlineData(HostOs.Linux, true, "debian", "`apt-get install -y postgresql`")]
    [InlineData(HostOs.Linux, false, "ubuntu", "`sudo apt-get install -y postgresql`")]
    [InlineData(HostOs.Linux, false, "fedora", "`sudo dnf install -y postgresql-server`")]
    [InlineData(HostOs.MacOS, false, "", "`brew install postgresql@16`")]
    [InlineData(HostOs.Windows, false, "", "`winget install --id PostgreSQL.PostgreSQL.16")]
    public void With_nothing_installed_the_message_names_the_install_command_for_this_OS(HostOs os, bool root, string distribution, string command)
    {
        var platform = machine.Platform(os, root, distribution.Length == 0 ? [] : [distribution]);

        var found = PostgresBinaries.Discover(platform, FakeMachine.Probe);
        var message = PostgresBinaries.MissingMessage(platform, found, PostgresSource.TestAlternatives);

        Assert.Null(found.Server);
        Assert.StartsWith("No PostgreSQL server 14–17 was found (none of the usual places holds one). Install one: " + command, message, StringComparison.Ordinal);
        Assert.Contains("POSTGRES_BIN", message, StringComparison.Ordinal);
        Assert.Contains("TEST_DATABASE_URL", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_distribution_comes_from_os_release_ID_and_ID_LIKE() =>
        Assert.Equal(["ubuntu", "debian"], OsRelease.Parse("PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\n"));
}
