using Engine;
using Images;
using Versioning;
using Workflows;

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

    /// <summary>From GitVersion.MsBuild; <c>0.0.0-local.&lt;sha&gt;</c> (with a warning) when it cannot be trusted.</summary>
    BuildVersion Version => version ??= BuildVersion.Resolve(GetType().Assembly, RootDirectory, message => Log.Warn(message));
    BuildVersion? version;

    [Parameter("The docker CLI every stage runs (images, the rehearsal, Resilience, a registry push, kind/k3d node queries)")]
    readonly string DockerCli = "docker";

    [Parameter("Image builder: Classic (any client) or BuildKit (the 20.10 client, or a newer one with buildx)")]
    readonly DockerBuilder DockerBuilder = DockerBuilder.Classic;

    /// <summary>The build's one Docker client: every docker command of every stage goes through it.</summary>
    Docker Docker => new(DockerCli, DockerBuilder);

    Requirement DockerDaemon => dockerDaemon ??= DockerRequirements.DaemonAnswers(() => Docker);
    Requirement? dockerDaemon;

    Requirement NativeAotToolchain => nativeAotToolchain ??= NativeAotRequirements.ToolchainPresent(PlatformAsync);
    Requirement? nativeAotToolchain;

    /// <summary>Every local run keeps .github/workflows in step with the [GitHubActions] attributes above; CI never
    /// writes them (a test compares the committed files instead).</summary>
    protected override void OnBuildCreated()
    {
        if (!IsCi)
            WorkflowWriter.WriteChanged(this, RootDirectory);
    }

    Target GenerateWorkflows => _ => _
        .Description("Writes .github/workflows/*.yml from the [GitHubActions] attributes on Build")
        .Executes(() =>
        {
            // Also on CI, where OnBuildCreated writes nothing; locally OnBuildCreated has already written them.
            WorkflowWriter.WriteChanged(this, RootDirectory);
            foreach (var file in WorkflowWriter.Generate(this).Keys)
                Log.Info("{0} is what the [GitHubActions] attributes declare", file);
        });
}

enum BuildConfiguration
{
    Debug,
    Release,
}
