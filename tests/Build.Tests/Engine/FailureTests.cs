using Engine;

namespace Build.Tests.Engine;

public class FailureTests
{
    sealed class FailingBuild : RecordingBuild
    {
        Target Compile => _ => _.Executes(() => throw new TargetFailedException("the compiler said no"));

        Target Test => _ => _.DependsOn(Compile).Executes(Record(nameof(Test)));

        Target Lint => _ => _.After(Compile).Executes(Record(nameof(Lint)));

        Target Diagnostics => _ => _.After(Compile, Lint).AssuredAfterFailure().Executes(Record(nameof(Diagnostics)));

    }

    sealed class CycleBuild : RecordingBuild
    {
        Target Alpha => _ => _.DependsOn(Beta).Executes(Record(nameof(Alpha)));

        Target Beta => _ => _.DependsOn(Gamma).Executes(Record(nameof(Beta)));

        Target Gamma => _ => _.After(Alpha).Executes(Record(nameof(Gamma)));
    }

    [Fact]
    public async Task After_a_failure_later_targets_do_not_run_but_assured_ones_do()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new FailingBuild();
        await run.RunAsync(build, ["Test", "Lint", "Diagnostics"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["Diagnostics"], build.Ran);
        Assert.Contains("[Compile] error: the compiler said no", run.OutputLines);
        Assert.Contains(run.OutputLines, l => l.StartsWith("Test ", StringComparison.Ordinal) && l.Contains("not run (Compile did not succeed)", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.StartsWith("Build failed (Compile)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cycle_is_an_error_that_names_the_targets_in_it()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new CycleBuild();
        await run.RunAsync(build, ["Alpha"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("The targets form a cycle, each waiting for the next: Alpha → Beta → Gamma → Alpha", run.Output, StringComparison.Ordinal);
    }
}
