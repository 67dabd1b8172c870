using Engine;

namespace Build.Tests.Cluster;

/// <summary>The real build's cluster targets, run in-process in a scratch directory. Nothing here reaches a cluster:
/// the context named does not exist, so the requirement stops the run before any target.</summary>
public class DeployChainTests
{
    [Fact]
    public async Task Deploy_plan_shows_the_whole_chain_in_order()
    {
        var (exitCode, output) = await RunRealBuildAsync(["Deploy", "--plan"]);

        Assert.Equal(0, exitCode);
        Assert.Contains(
            "Restore → Compile → Test → Publish → DockerBuild → ImageSizeCheck → HelmLint → HelmInstall → SmokeTest → Deploy → Diagnose",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_usable_cluster_a_cluster_stage_stops_before_any_work_and_says_how_to_get_one()
    {
        var (exitCode, output) = await RunRealBuildAsync(["Diagnose", "--kube-context", "no-such-context-in-tests"]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("nothing was run", output, StringComparison.Ordinal);
        Assert.Contains("minikube start", output, StringComparison.Ordinal);
        Assert.Contains("kind create cluster", output, StringComparison.Ordinal);
        Assert.DoesNotContain("state of the release", output, StringComparison.Ordinal);
    }

    static async Task<(int ExitCode, string Output)> RunRealBuildAsync(string[] arguments)
    {
        var root = Path.Combine(Path.GetTempPath(), "build-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        try
        {
            var build = (BuildBase)Activator.CreateInstance(Type.GetType("Build, _build", throwOnError: true)!, nonPublic: true)!;
            using var output = new StringWriter();
            var exitCode = await BuildRunner.RunAsync(build, new BuildInvocation
            {
                Arguments = arguments,
                Environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" },
                Output = output,
                RootDirectory = root,
            }, ["Test"]);
            return (exitCode, output.ToString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
