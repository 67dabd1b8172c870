using Workflows;
using Engine;
using Prerequisites;
using YamlDotNet.RepresentationModel;
using Tools;

namespace Build.Tests.Prerequisites;

/// <summary>
/// The generated workflow against GitHub's documented ubuntu-latest (Ubuntu 24.04) image, as a fake layout: the
/// runner image's readme (actions/runner-images, images/ubuntu/Ubuntu2404-Readme.md) lists PostgreSQL 16 with its
/// service disabled, Google Chrome, Chromium and Edge, Docker client and server; jobs run as the non-root user
/// `runner` with passwordless sudo. The workflow must find its browser and database there without root.
/// </summary>
public sealed class GitHubRunnerTests : IDisposable
{
    private readonly FakeMachine runner = new();
    private readonly YamlMappingNode testJob;

    public GitHubRunnerTests()
    {
        runner.PostgresAt("/usr/lib/postgresql/16/bin", "16.6 (Ubuntu 16.6-0ubuntu0.24.04.1)");
        runner.FileAt("/usr/bin/google-chrome");
        runner.FileAt("/var/run/docker.sock");
        runner["PATH"] = runner.PathOf("/usr/local/bin") + ":" + runner.PathOf("/usr/bin");

        var build = (BuildBase)Activator.CreateInstance(Type.GetType("Build, _build", throwOnError: true)!, nonPublic: true)!;
        var yaml = new YamlStream();
        yaml.Load(new StringReader(WorkflowWriter.Generate(build)[".github/workflows/ci.yml"]));
        testJob = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"])["test"];
    }

    public void Dispose() => runner.Dispose();

    private HostPlatform Runner => runner.Platform(HostOs.Linux, isRoot: false, "ubuntu", "debian");

    private IEnumerable<YamlMappingNode> Steps => ((YamlSequenceNode)testJob["steps"]).Children.Cast<YamlMappingNode>();

    private Dictionary<string, string> BuildStepEnvironment =>
        ((YamlMappingNode)Steps.Single(s => s.Children.ContainsKey("run") && s["run"].ToString().StartsWith("./build.sh", StringComparison.Ordinal))["env"])
            .Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);

    [Fact]
    public void The_tests_database_is_the_PostgreSQL_service_container_reached_through_TEST_DATABASE_URL()
    {
        var service = (YamlMappingNode)((YamlMappingNode)testJob["services"])["postgres"];
        var url = new Uri(BuildStepEnvironment["TEST_DATABASE_URL"]);

        Assert.StartsWith("postgres:1", service["image"].ToString(), StringComparison.Ordinal);
        Assert.Contains($"{url.Port}:5432", ((YamlSequenceNode)service["ports"]).Children.Select(p => p.ToString()));
        Assert.Equal("localhost", url.Host);   // steps run on the runner itself, where service ports are published
        Assert.Equal($"postgres:{((YamlMappingNode)service["env"])["POSTGRES_PASSWORD"]}", url.UserInfo);
        Assert.Contains("pg_isready", service["options"].ToString(), StringComparison.Ordinal);   // healthy before the steps run
        Assert.Equal(PostgresSourceKind.External,
            PostgresSource.Decide(url.ToString(), PostgresBinaries.Discover(Runner, FakeMachine.Probe), DockerEndpoint.Likely(Runner), Runner).Kind);
    }

    [Fact]
    public void Without_the_service_the_runners_own_PostgreSQL_16_is_found_by_discovery() =>
        Assert.Equal(runner.PathOf("/usr/lib/postgresql/16/bin"), PostgresBinaries.Discover(Runner, FakeMachine.Probe).Server?.BinDirectory);

    [Fact]
    public void The_browser_is_the_runners_Google_Chrome_found_without_root()
    {
        var configured = BuildStepEnvironment["CHROMIUM_EXECUTABLE"];
        runner["CHROMIUM_EXECUTABLE"] = runner.PathOf(configured);

        Assert.Equal("/usr/bin/google-chrome", configured);
        Assert.Equal(runner.PathOf(configured), BrowserDiscovery.Find(Runner, out _)?.Path);
        Assert.False(ChromiumProvisioning.LastResortIsApt(Runner));
        runner["CHROMIUM_EXECUTABLE"] = null;
        Assert.Equal(runner.PathOf("/usr/bin/google-chrome"), BrowserDiscovery.Find(Runner, out _)?.Path);
    }

    [Fact]
    public void Docker_is_there_for_the_image_stages_and_no_step_assumes_root()
    {
        Assert.True(DockerEndpoint.Likely(Runner));
        foreach (var run in Steps.Where(s => s.Children.ContainsKey("run")).Select(s => s["run"].ToString()))
        {
            Assert.DoesNotMatch(@"(^|[;&|]\s*)(apt-get|apt|systemctl|useradd|chown)\b", run);
        }
    }

    [Fact]
    public void NuGet_packages_are_cached_keyed_by_the_central_versions()
    {
        var cache = Steps.Single(s => s.Children.ContainsKey("uses") && s["uses"].ToString().StartsWith("actions/cache@", StringComparison.Ordinal));

        Assert.Equal("~/.nuget/packages", ((YamlMappingNode)cache["with"])["path"].ToString());
        Assert.Contains("Directory.Packages.props", ((YamlMappingNode)cache["with"])["key"].ToString(), StringComparison.Ordinal);
    }
}
