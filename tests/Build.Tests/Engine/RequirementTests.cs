using Engine;

namespace Build.Tests.Engine;

public class RequirementTests
{
    sealed class DeployBuild : RecordingBuild
    {
        [Parameter("Kubernetes context to deploy to")]
        readonly string? KubeContext;

        public static readonly Requirement DockerDaemon = new("a Docker daemon", _ => Task.FromResult<string?>("No Docker daemon answers. Start one: `dockerd &`."));

        public static readonly Requirement Always = new("nothing", _ => Task.FromResult<string?>(null));

        Target Compile => _ => _.Requires(Always).Executes(Record(nameof(Compile)));

        Target Images => _ => _.DependsOn(Compile).Requires(DockerDaemon).Executes(Record(nameof(Images)));

        Target Deploy => _ => _.DependsOn(Compile).Requires(() => KubeContext).Executes(Record(nameof(Deploy)));
    }

    [Fact]
    public async Task An_unmet_requirement_of_a_later_target_stops_the_build_before_any_target_runs()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new DeployBuild();
        await run.RunAsync(build, ["Images"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("The build cannot start; nothing was run:", run.Output, StringComparison.Ordinal);
        Assert.Contains("Images requires a Docker daemon: No Docker daemon answers. Start one: `dockerd &`.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_parameter_names_its_option_and_environment_variable()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new DeployBuild();
        await run.RunAsync(build, ["Deploy"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("Deploy needs the parameter KubeContext: pass --kube-context <value>, set KUBE_CONTEXT", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skipped_target_s_requirements_are_not_checked()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new DeployBuild();
        await run.RunAsync(build, ["Images", "--skip", "Images"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Compile"], build.Ran);
    }
}
