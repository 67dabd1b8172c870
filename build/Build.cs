using Engine;
using Images;

/// <summary>The build: Restore → Compile → Test here; later stages (Images, Helm, Local, Smoke, Cluster) live in
/// Build.&lt;Stage&gt;.cs beside this file. Run ./build.sh --help for the targets and parameters.</summary>
// CI: one job proves everything a runner without a cluster can (tests, images, size, chart, the rehearsal of the release
// on Docker); the next creates a kind cluster and deploys to it. Test already ran in the first job, so the deploy job
// skips it.
[GitHubActions("ci", Job = "test",
    InvokedTargets = [nameof(Test), nameof(ImageSizeCheck), nameof(ImageTest), nameof(HelmLint), nameof(Rehearse)],
    Arguments = ["--pull-base-image", "true"], Services = nameof(TestServices),
    Environment = ["TEST_DATABASE_URL=" + RunnerTestDatabaseUrl, "CHROMIUM_EXECUTABLE=/usr/bin/google-chrome"])]
[GitHubActions("ci", Job = "deploy", InvokedTargets = [nameof(Deploy)], Needs = ["test"],
    Arguments = ["--kube-context", "kind-todo", "--pull-base-image", "true", "--skip", "Test"], SetupSteps = nameof(KindClusterSteps))]
partial class Build : BuildBase
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.Test);

    [Parameter("Configuration to build: Debug (default locally) or Release (default on CI)")]
    readonly BuildConfiguration Configuration = IsContinuousIntegration ? BuildConfiguration.Release : BuildConfiguration.Debug;

    static bool IsContinuousIntegration =>
        Environment.GetEnvironmentVariable("CI") is { } ci && ci.Equals("true", StringComparison.OrdinalIgnoreCase);

    AbsolutePath Solution => RootDirectory / "TodoApp.slnx";

    [Parameter("The docker CLI every stage runs (images, the rehearsal, Resilience, a registry push, kind/k3d node queries)")]
    readonly string DockerCli = "docker";

    [Parameter("Image builder: Classic (any client) or BuildKit (the 20.10 client, or a newer one with buildx)")]
    readonly DockerBuilder DockerBuilder = DockerBuilder.Classic;

    /// <summary>The build's one Docker client: every docker command of every stage goes through it.</summary>
    Docker Docker => new(DockerCli, DockerBuilder);

    Requirement DockerDaemon => dockerDaemon ??= Requirements.DockerDaemon(() => Docker);
    Requirement? dockerDaemon;

    Requirement NativeAotToolchain => nativeAotToolchain ??= Requirements.NativeAotToolchain(PlatformAsync);
    Requirement? nativeAotToolchain;

    Target GenerateWorkflows => _ => _
        .Description("Writes .github/workflows/*.yml from the [GitHubActions] attributes on Build")
        .Executes(() =>
        {
            foreach (var (file, content) in WorkflowWriter.Generate(this))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(RootDirectory / file)!);
                File.WriteAllText(RootDirectory / file, content);
                Log.Info("wrote {0}", file);
            }
        });
}

enum BuildConfiguration
{
    Debug,
    Release,
}
