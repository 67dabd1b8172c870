using Engine;

namespace Build.Tests.Engine;

public class TargetOrderingTests
{
    sealed class ChainBuild : RecordingBuild
    {
        Target Restore => _ => _.Executes(Record(nameof(Restore)));

        Target Compile => _ => _.DependsOn(Restore).Executes(Record(nameof(Compile)));

        Target Test => _ => _.DependsOn(Compile).Executes(Record(nameof(Test)));

        Target Pack => _ => _.DependsOn(Compile).Triggers(Publish).Executes(Record(nameof(Pack)));

        Target Publish => _ => _.Executes(Record(nameof(Publish)));

        Target Lint => _ => _.Before(Compile).Executes(Record(nameof(Lint)));

        Target Report => _ => _.After(Test).Executes(Record(nameof(Report)));
    }

    sealed class RestoreAwareBuild : BuildBase
    {
        public bool? RestoreSucceeded { get; private set; }

        Target Restore => _ => _.Executes(() => { });

        Target Compile => _ => _.DependsOn(Restore).Executes(() => RestoreSucceeded = Succeeded(Restore));
    }

    sealed class DeployAwareBuild : BuildBase
    {
        public bool? DeployWillRun { get; private set; }

        Target Publish => _ => _.Executes(() => DeployWillRun = IsScheduled(Deploy));

        Target Deploy => _ => _.DependsOn(Publish).Executes(() => { });
    }

    [Theory]
    [InlineData(new[] { "Publish" }, false)]
    [InlineData(new[] { "Deploy" }, true)]
    [InlineData(new[] { "Deploy", "--skip", "Deploy" }, false)]
    public async Task A_target_can_tell_whether_a_later_target_of_the_plan_will_run(string[] arguments, bool deployWillRun)
    {
        using var run = EngineRun.InScratchRoot();
        var build = new DeployAwareBuild();
        await run.RunAsync(build, arguments);

        Assert.Equal(deployWillRun, build.DeployWillRun);
    }

    [Theory]
    [InlineData(new[] { "Compile" }, true)]
    [InlineData(new[] { "Compile", "--skip", "Restore" }, false)]
    public async Task A_target_can_tell_whether_a_dependency_really_ran(string[] arguments, bool restoreSucceeded)
    {
        using var run = EngineRun.InScratchRoot();
        var build = new RestoreAwareBuild();
        await run.RunAsync(build, arguments);

        Assert.Equal(restoreSucceeded, build.RestoreSucceeded);
    }

    [Fact]
    public async Task Dependencies_run_first_in_order()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ChainBuild();
        await run.RunAsync(build, ["Test"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Restore", "Compile", "Test"], build.Ran);
    }

    [Fact]
    public async Task A_triggered_target_runs_after_the_target_that_triggers_it()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ChainBuild();
        await run.RunAsync(build, ["Pack"]);

        Assert.Equal(["Restore", "Compile", "Pack", "Publish"], build.Ran);
    }

    [Fact]
    public async Task Before_and_after_order_two_targets_only_when_both_are_scheduled()
    {
        using var bothScheduled = EngineRun.InScratchRoot();
        var both = new ChainBuild();
        await bothScheduled.RunAsync(both, ["Report", "Test", "Lint"]);
        Assert.Equal(["Restore", "Lint", "Compile", "Test", "Report"], both.Ran);

        using var aloneScheduled = EngineRun.InScratchRoot();
        var alone = new ChainBuild();
        await aloneScheduled.RunAsync(alone, ["Report"]);
        Assert.Equal(["Report"], alone.Ran);
    }

    [Fact]
    public async Task Skip_with_names_skips_those_targets_and_runs_the_rest()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ChainBuild();
        await run.RunAsync(build, ["Test", "--skip", "Restore"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Compile", "Test"], build.Ran);
        Assert.Contains(run.OutputLines, l => l.StartsWith("Restore", StringComparison.Ordinal) && l.Contains("skipped (--skip)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bare_skip_runs_only_the_invoked_targets()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ChainBuild();
        await run.RunAsync(build, ["Test", "--skip"]);

        Assert.Equal(["Test"], build.Ran);
    }

    [Fact]
    public async Task Plan_prints_the_ordered_plan_and_runs_nothing()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ChainBuild();
        await run.RunAsync(build, ["Test", "--plan"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("Restore → Compile → Test", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run.Root, "artifacts", "build-audit.jsonl")));
    }

    [Fact]
    public async Task A_misspelled_target_fails_and_suggests_the_close_match()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ChainBuild();
        await run.RunAsync(build, ["Compil"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("there is no target 'Compil'. Did you mean Compile?", run.Output, StringComparison.Ordinal);
    }
}
