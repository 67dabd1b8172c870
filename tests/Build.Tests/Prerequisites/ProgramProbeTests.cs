using Prerequisites;

namespace Build.Tests.Prerequisites;

/// <summary>The real probe against real programs: a shell script standing in for postgres, and this machine's server.</summary>
public sealed class ProgramProbeTests : IDisposable
{
    private readonly FakeMachine machine = new();

    public void Dispose() => machine.Dispose();

    [Fact]
    public void Discovery_runs_postgres_version_and_takes_its_answer()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var bin = machine.PostgresAt("/usr/lib/postgresql/16/bin", "ignored");
        var postgres = Path.Combine(bin, "postgres");
        File.WriteAllText(postgres, "#!/bin/sh\n[ \"$1\" = --version ] && echo 'postgres (PostgreSQL) 16.6 (Ubuntu 16.6-0ubuntu0.24.04.1)'\n");
        File.SetUnixFileMode(postgres, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);

        var found = PostgresBinaries.Discover(machine.Platform(HostOs.Linux), ProgramProbe.Run);

        Assert.Equal(16, found.Server?.Major);
    }

    [Fact]
    public void A_program_that_cannot_run_is_no_answer() =>
        Assert.Null(ProgramProbe.Run(machine.FileAt("/bin/not-executable", "plain text"), "--version"));

    [Fact]
    public void On_this_machine_the_installed_server_is_found_by_discovery_not_by_a_hard_coded_path()
    {
        var found = PostgresBinaries.Discover(HostPlatform.Detect(name => name == "POSTGRES_BIN" ? null : Environment.GetEnvironmentVariable(name)), ProgramProbe.Run);

        Assert.True(found.Found, string.Join("; ", found.Rejected));
        Assert.InRange(found.Server!.Major, PostgresBinaries.OldestSupported, PostgresBinaries.NewestSupported);
    }
}
