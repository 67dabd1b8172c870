using Engine;

namespace Build.Tests.Engine;

/// <summary>A build knows which of its targets will run (NUKE's ScheduledTargets) before any requirement is checked, so
/// a target's requirements can depend on what else is planned (SmokeTest needs no local Docker when a deploy comes first).</summary>
public class ScheduledTargetTests
{
    sealed class ChainBuild : RecordingBuild
    {
        public readonly List<string> SeenByRequirement = [];

        Target Install => _ => _.Executes(Record(nameof(Install)));

        Target Smoke => _ => _
            .After(Install)
            .Requires(new Requirement("a target to test", _ =>
            {
                SeenByRequirement.Add(IsScheduled(Install) ? "install scheduled" : "install not scheduled");
                return Task.FromResult<string?>(null);
            }))
            .Executes(Record(nameof(Smoke)));

        Target Deploy => _ => _.DependsOn(Install, Smoke);
    }

    [Theory]
    [InlineData(new[] { "Deploy" }, "install scheduled")]
    [InlineData(new[] { "Smoke" }, "install not scheduled")]
    [InlineData(new[] { "Deploy", "--skip", "Install" }, "install not scheduled")]
    public async Task Requirements_see_which_targets_the_plan_runs(string[] arguments, string expected)
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ChainBuild();

        await run.RunAsync(build, arguments);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([expected], build.SeenByRequirement);
    }
}
