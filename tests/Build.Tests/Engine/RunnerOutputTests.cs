using System.Text.Json;
using Engine;

namespace Build.Tests.Engine;

/// <summary>What a run tells the person who started it: the plan before any work, a header per target, a heartbeat while
/// a target is quiet, a stack trace only for a crash, and help that points at the right spelling.</summary>
public class RunnerOutputTests
{
    sealed class PipelineBuild : RecordingBuild
    {
        public bool Created { get; private set; }

        protected override void OnBuildCreated() => Created = true;

        Target Compile => _ => _.Executes(Record(nameof(Compile)));

        Target Test => _ => _.DependsOn(Compile).Executes(Record(nameof(Test)));

        /// <summary>Completes when a heartbeat has been written; the quiet target waits for it (and at least 300 ms), so
        /// the test does not depend on a 20 ms timer firing in time on a thread pool busy with other tests.</summary>
        public Task HeartbeatSeen { get; init; } = Task.CompletedTask;

        Target Slow => _ => _.Executes(async () =>
        {
            await Task.Delay(300);
            await Task.WhenAny(HeartbeatSeen, Task.Delay(TimeSpan.FromSeconds(30)));
        });

        Target Crash => _ => _.Executes(() => throw new FormatException("a bug in the build"));

        Target Generate => _ => _
            .Inputs(inputs => inputs.Value("tool version", () => throw new FileNotFoundException("the tool is not installed yet")))
            .Executes(Record(nameof(Generate)));

        Target Lint => _ => _.Inputs(inputs => inputs.Value("rules", () => "strict")).Executes(Record(nameof(Lint)));
    }

    [Fact]
    public async Task A_build_and_an_invocation_are_required()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => BuildRunner.RunAsync(null!, new BuildInvocation(), ["Compile"]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => BuildRunner.RunAsync(new PipelineBuild(), null!, ["Compile"]));
    }

    [Theory]
    [InlineData("Test")]
    [InlineData("--help")]
    [InlineData("--plan")]
    public async Task The_build_class_hears_of_every_run_before_the_command_line_is_read(string argument)
    {
        using var run = EngineRun.InScratchRoot();
        var build = new PipelineBuild();
        await run.RunAsync(build, [argument]);

        Assert.True(build.Created);
    }

    [Fact]
    public async Task The_plan_comes_first_with_skipped_targets_marked_and_each_target_gets_a_header()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new PipelineBuild(), ["Test", "--skip", "Compile"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Plan: (Compile: skipped) → Test", run.OutputLines[0]);
        Assert.Contains("══ Test ══", run.OutputLines);
        Assert.DoesNotContain("══ Compile ══", run.OutputLines);
        Assert.DoesNotContain("Run ./build.sh --help", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quiet_target_shows_a_heartbeat_and_its_real_duration()
    {
        using var run = EngineRun.InScratchRoot();
        var output = new WatchingWriter("Slow is still running");
        await run.RunAsync(new PipelineBuild { HeartbeatSeen = output.Seen.Task }, ["Slow"], writer: output);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.StartsWith("[Slow] … Slow is still running (0:00)", StringComparison.Ordinal));
        var entry = run.AuditLog.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("kind").GetString() == "target");
        Assert.True(entry.GetProperty("durationMs").GetInt64() >= 300, entry.ToString());
    }

    [Fact]
    public async Task A_crash_in_a_target_shows_its_stack_trace_but_an_expected_failure_does_not()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new PipelineBuild(), ["Crash"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("[Crash] error: System.FormatException: a bug in the build", run.OutputLines);
        Assert.Contains(run.OutputLines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_plan_says_which_targets_are_skipped_forced_or_cannot_be_judged_yet()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new PipelineBuild(), ["Test", "Lint", "Generate", "--plan", "--skip", "Compile", "--force", "Lint"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Execution plan (nothing runs with --plan):", run.OutputLines[0]);
        Assert.Contains("  1. Compile  (skipped: --skip)", run.OutputLines);
        Assert.Contains("  2. Test", run.OutputLines);
        Assert.Contains("  3. Lint  (runs: --force)", run.OutputLines);
        Assert.Contains("  4. Generate  (runs: its inputs cannot be read yet: the tool is not installed yet)", run.OutputLines);
        Assert.Equal("Compile → Test → Lint → Generate", run.OutputLines[^1]);
    }

    [Fact]
    public async Task An_unknown_option_stops_the_build_and_points_at_help()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new PipelineBuild();
        await run.RunAsync(build, ["Compile", "--no-such-thing"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Equal(["error: unknown option --no-such-thing.", "Run ./build.sh --help for targets and parameters."], run.OutputLines);
    }

    [Fact]
    public async Task An_unknown_target_lists_every_target_in_order_and_suggests_nothing_when_nothing_is_close()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new PipelineBuild(), ["Xyzzy"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            [
                "error: there is no target 'Xyzzy'.",
                "Targets: Compile, Crash, Generate, Lint, Slow, Test. Run ./build.sh --help for details.",
            ],
            run.OutputLines);
    }
}
