using Workflows;
using Cluster;
using Engine;
using Helm;
using Images;

/// <summary>The cluster stages: HelmInstall, Diagnose, Undeploy and Deploy (the chain users type). The work lives in
/// build/Cluster (ReleaseInstall, ClusterRelease); this file is the graph and what each stage hands the next.</summary>
partial class Build
{
    [Parameter("Kube context to deploy to (default: the kubeconfig's current context)")]
    readonly string? KubeContext;

    [Parameter("Registry to push the images to (e.g. ghcr.io/you) when the cluster cannot load local images; wins over loading when given")]
    readonly string? Registry;

    [Parameter("How long helm waits for the release to become ready before rolling it back")]
    readonly TimeSpan DeployTimeout = TimeSpan.FromMinutes(5);

    [Parameter("Undeploy: also delete the database's volume claims and password Secret (all data)")]
    readonly bool DeleteData;

    ClusterAccess? kube;

    ClusterAccess Kube => kube ??= new ClusterAccess(() => KubeContext, () => Registry, dockerCli: () => DockerCli);

    /// <summary>The release the cluster stages (and SmokeTest's cluster branch) work on.</summary>
    ClusterRelease Release => new(Kube, HelmRelease, Namespace) { Names = ReleaseNames.For(HelmRelease, HelmSettings()) };

    /// <summary>Setup steps of the CI deploy job: a kind cluster named "todo" (context kind-todo) on the runner; the
    /// action also puts kind and kubectl on PATH. Named by [GitHubActions(SetupSteps = nameof(KindClusterSteps))].</summary>
    static IEnumerable<GitHubActionsStep> KindClusterSteps =>
    [
        new("Create a kind cluster (context kind-todo)")
        {
            Uses = "helm/kind-action@v1",
            With = { ["cluster_name"] = "todo", ["wait"] = "120s" },
        },
    ];

    Target Deploy => _ => _
        .Description("The whole chain to a verified deployment: "
            + "Compile → Test → Publish → DockerBuild → ImageSizeCheck → HelmLint → HelmInstall → SmokeTest")
        .DependsOn(Test, HelmInstall, SmokeTest);

    Target HelmInstall => _ => _
        .Description("Loads the images into the cluster (or pushes them to --registry), creates the Secret, "
            + "runs helm upgrade --install and watches every workload until rolled out")
        .DependsOn(ImageSizeCheck, HelmLint)
        .Before(SmokeTest)
        .Triggers(Diagnose)
        .Requires(Kube.ApiServerAnswers)
        .Requires(Kube.ImagesCanReachCluster)
        .Requires(ChartRequirements.HelmResolvable)
        .Requires(ValuesProfileExists)
        .Executes(async () =>
        {
            var profile = ValuesProfile ?? Kube.Identity.Kind switch
            {
                ClusterKind.Minikube => "minikube",
                ClusterKind.Kind => "kind",
                _ => null,
            };
            var settings = new InstallSettings(ChartDirectory, profile is null ? null : ChartProfile.FileOf(ChartDirectory, profile),
                ArtifactsDirectory / "cluster" / "values.generated.yaml", DeployTimeout, ReleaseSecrets, OpenaiBaseUrl, OpenaiModel,
                HelmSettings());
            Summary.Add(await ReleaseInstall.RunAsync(Release, await HelmCli.ResolveAsync(CancellationToken),
                ImagesManifest.Read(ImagesManifestFile), settings, CancellationToken));
        });

    Target Diagnose => _ => _
        .Description("Pods (phase, readiness, restarts, last termination), recent Warning events and the last 50 log lines "
            + "of failing containers, printed and saved under artifacts/diagnostics/")
        .AssuredAfterFailure()
        .After(SmokeTest)
        .Requires(Kube.ApiServerAnswers)
        .Executes(async () =>
        {
            var failed = new[] { HelmInstall, SmokeTest, Undeploy }.Any(stage => IsScheduled(stage) && !Succeeded(stage));
            Log.Info(failed ? "a cluster stage failed; what the cluster shows:" : "state of the release:");
            var file = await Release.DiagnoseAsync(ArtifactsDirectory / "diagnostics", CancellationToken);
            Summary.Add($"Diagnostics: {file.RelativeTo(RootDirectory)}");
        });

    Target Undeploy => _ => _
        .Description("helm uninstall, delete what the chart's hooks created (the helm test pod) and the Secret the build created "
            + "(volume claims only with --delete-data), then verify through the API that nothing of the release is left")
        .Requires(Kube.ApiServerAnswers)
        .Requires(ChartRequirements.HelmResolvable)
        .Executes(async () =>
        {
            var helm = await HelmCli.ResolveAsync(CancellationToken);
            var report = await Release.UndeployAsync(helm, DeleteData, DeployTimeout, CancellationToken);
            Log.Success(report);
            Summary.Add($"Undeploy: {report}");
        });
}
