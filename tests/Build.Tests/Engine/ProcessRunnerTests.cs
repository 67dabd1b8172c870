using Engine;

namespace Build.Tests.Engine;

public class ProcessRunnerTests
{
    [Fact]
    public async Task A_successful_command_returns_its_exit_code_and_output()
    {
        var result = await ProcessRunner.RunAsync(new ProcessSpec("git", ["--version"]) { Quiet = true });

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("git version ", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_command_throws_with_its_command_line_exit_code_and_last_output()
    {
        var failure = await Assert.ThrowsAsync<ProcessFailedException>(() =>
            ProcessRunner.RunAsync(new ProcessSpec("git", ["no-such-subcommand"]) { Quiet = true }));

        Assert.Equal(1, failure.ExitCode);
        Assert.Equal("git no-such-subcommand", failure.CommandLine);
        Assert.Contains("'git no-such-subcommand' exited with code 1.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not a git command", failure.OutputTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_command_that_may_fail_returns_its_exit_code()
    {
        var result = await ProcessRunner.RunAsync(new ProcessSpec("git", ["no-such-subcommand"]) { Quiet = true, AllowFailure = true });

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_missing_executable_says_it_could_not_start()
    {
        var failure = await Assert.ThrowsAsync<ProcessFailedException>(() =>
            ProcessRunner.RunAsync(new ProcessSpec("definitely-not-installed-tool", [])));

        Assert.Null(failure.ExitCode);
        Assert.Contains("could not start 'definitely-not-installed-tool'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_environment_reaches_the_process()
    {
        var result = await ProcessRunner.RunAsync(new ProcessSpec("sh", ["-c", "printf '%s' \"$BUILD_TEST_VALUE\""])
        {
            Quiet = true,
            Environment = new Dictionary<string, string?> { ["BUILD_TEST_VALUE"] = "given by the build" },
        });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("given by the build", result.StandardOutput.Trim());
    }
}
