using System.Diagnostics;
using System.Globalization;
using Helm;
using Cluster;
using Engine;
using Images;
using k8s;
using Provisioning;

/// <summary>The cluster stages: HelmInstall, Diagnose, Undeploy and Deploy (the chain users type), plus the cluster
/// branch of SmokeTest. The decisions live in build/Cluster as plain functions; this file only strings them together
/// with KubernetesClient, helm and the local cluster tools.</summary>
partial class Build
{
    [Parameter("Kube context to deploy to (default: the kubeconfig's current context)")]
    readonly string? KubeContext;

    [Parameter("Namespace of the release; created if missing")]
    readonly string Namespace = "todo";

    [Parameter("Helm release name")]
    readonly string HelmRelease = "todo";

    [Parameter("Chart values profile: minikube, kind, external-db or production-like (charts/todo-app/ci/<profile>-values.yaml); default: the cluster kind's profile when there is one")]
    readonly string? ValuesProfile;

    [Parameter("Registry to push the images to (e.g. ghcr.io/you) when the cluster cannot load local images; wins over loading when given")]
    readonly string? Registry;

    // Spelled "Openai" so that the environment variables are OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_MODEL, the
    // names every OpenAI-compatible tool reads.
    [Parameter("Model API key for the chat agent (OpenAI-compatible); without it the backend answers with its built-in interpreter"), Secret]
    readonly string? OpenaiApiKey;

    [Parameter("External PostgreSQL URL (postgres://user:password@host/db?sslmode=require); switches the chart to database.mode=external"), Secret]
    readonly string? DatabaseUrl;

    [Parameter("Token signing key shared by all backend replicas (at least 32 bytes); generated once and kept when not given"), Secret]
    readonly string? AuthSigningKey;

    [Parameter("Base URL of an OpenAI-compatible model endpoint (not secret)")]
    readonly string? OpenaiBaseUrl;

    [Parameter("Model name for the chat agent (not secret)")]
    readonly string? OpenaiModel;

    [Parameter("How long helm waits for the release to become ready before rolling it back")]
    readonly TimeSpan DeployTimeout = TimeSpan.FromMinutes(5);

    [Parameter("Undeploy: also delete the database's volume claims and password Secret (all data)")]
    readonly bool DeleteData;

    [Parameter("SmokeTest on minikube: test through the frontend's NodePort instead of a port-forward (with the docker or podman driver on macOS, Windows or WSL: through the tunnel that minikube service --url keeps open)")]
    readonly bool SmokeViaNodePort;

    ClusterAccess? kube;

    /// <summary>Set when HelmInstall deployed in this run, or a cluster stage failed (Diagnose then prints all it found).</summary>
    bool deployedThisRun;
    bool clusterStageFailed;

    ClusterAccess Kube => kube ??= new ClusterAccess(() => KubeContext, () => Registry, dockerCli: () => DockerCli);

    string ReleaseSelector => $"app.kubernetes.io/instance={HelmRelease}";

    AbsolutePath ClusterArtifactsDirectory => ArtifactsDirectory / "cluster";

    AbsolutePath DiagnosticsDirectory => ArtifactsDirectory / "diagnostics";

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
        .Description("The whole chain to a verified deployment: Compile → Test → Publish → DockerBuild → ImageSizeCheck → HelmLint → HelmInstall → SmokeTest")
        .DependsOn(Test, HelmInstall, SmokeTest);

    Target HelmInstall => _ => _
        .Description("Loads the images into the cluster (or pushes them to --registry), creates the Secret, runs helm upgrade --install and watches every workload until rolled out")
        .DependsOn(ImageSizeCheck, HelmLint)
        .Before(SmokeTest)
        .Triggers(Diagnose)
        .Requires(Kube.ApiServerAnswers)
        .Requires(Kube.ImagesCanReachCluster)
        .Requires(ChartRequirements.HelmResolvable)
        .Requires(new Requirement("the chart values profile", _ => Task.FromResult(ProfileProblem())))
        .Executes(() => Guarded(InstallAsync));

    Target Diagnose => _ => _
        .Description("Pods (phase, readiness, restarts, last termination), recent Warning events and the last 50 log lines of failing containers, printed and saved under artifacts/diagnostics/")
        .AssuredAfterFailure()
        .After(SmokeTest)
        .Requires(Kube.ApiServerAnswers)
        .Executes(async () =>
        {
            Log.Info(clusterStageFailed ? "a cluster stage failed; what the cluster shows:" : "state of the release:");
            var report = await DiagnosticsCollector.CollectAsync(Kube.Client, Namespace, HelmRelease, ReleaseSelector, CancellationToken);
            Directory.CreateDirectory(DiagnosticsDirectory);
            var file = DiagnosticsDirectory / $"{HelmRelease}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.txt";
            await File.WriteAllTextAsync(file, report, CancellationToken);
            foreach (var line in report.Split('\n'))
            {
                Log.Info(line);
            }

            Summary.Add($"Diagnostics: {file.RelativeTo(RootDirectory)}");
        });

    Target Undeploy => _ => _
        .Description("helm uninstall, delete what the chart's hooks created (the helm test pod) and the Secret the build created (volume claims only with --delete-data), then verify through the API that nothing of the release is left")
        .Requires(Kube.ApiServerAnswers)
        .Requires(ChartRequirements.HelmResolvable)
        .Executes(() => Guarded(UndeployAsync));

    async Task InstallAsync()
    {
        var cluster = Kube.Identity;
        var transport = Kube.Transport
            ?? throw new TargetFailedException(ImageTransport.MissingRegistryRemedy(cluster));
        Log.Info("cluster: {0}, context {1}, namespace {2}", cluster.DisplayName, cluster.ContextName, Namespace);

        var manifest = ImagesManifest.Read(ImagesManifestFile);
        // A node that cannot run the images would only show ErrImagePull/exec format errors later: refuse now, saying what to build.
        var builtFor = ContainerPlatform.Parse(manifest[ImageCatalog.Backend.Name].Platform);
        if (await NodeArchitecturesAsync() is { } nodes && ImagePlatformChoice.RefusalToDeploy(builtFor, nodes) is { } refusal)
            throw new TargetFailedException(refusal);
        var local = new[] { manifest[ImageCatalog.Backend.Name].Reference, manifest[ImageCatalog.Frontend.Name].Reference };
        await ClusterTools.RunAsync(transport.Commands(local), CancellationToken);
        var deployed = local.Select(transport.DeployedReference).ToArray();
        if (transport.ImagesExpectedOnNodes)
        {
            var (verdict, source) = await NodeImageProbe.CheckAsync(Kube.Client, transport, deployed, NodeImageProbe.NodeStatusPatience,
                message => Log.Warn(message), CancellationToken);
            if (!verdict.AllPresent)
            {
                throw new TargetFailedException(NodeImages.MissingStory(verdict, transport, source));
            }

            if (verdict.InconclusiveNodes.Count > 0)
            {
                Log.Warn("node(s) {0} report only their {1} largest images (and {2} names per image) in their status, so whether {3} is there cannot be told from it; "
                    + "a missing image would show as ErrImageNeverPull in the rollout", string.Join(", ", verdict.InconclusiveNodes),
                    NodeImages.KubeletReportLimit, NodeImages.KubeletNamesPerImage, string.Join(", ", deployed));
            }
            else
            {
                Log.Success("images on every node ({0}): {1}", source == ImageListSource.Runtime ? "asked the container runtime" : "node status", string.Join(", ", deployed));
            }
        }

        await EnsureNamespaceAsync();
        var secret = await ReleaseSecret.ApplyAsync(Kube.Client, ReleaseSecret.DefaultName, Namespace,
            new SecretInputs(OpenaiApiKey, DatabaseUrl, AuthSigningKey), CancellationToken);
        Log.Info(secret.Explanation);

        var overrides = new ChartOverrides(deployed[0], deployed[1], transport.PullPolicy, ReleaseSecret.DefaultName,
            OpenaiBaseUrl, OpenaiModel, ExternalDatabase: !string.IsNullOrEmpty(DatabaseUrl));
        Directory.CreateDirectory(ClusterArtifactsDirectory);
        var valuesFile = ClusterArtifactsDirectory / "values.generated.yaml";
        await File.WriteAllTextAsync(valuesFile, overrides.ToYaml(), CancellationToken);

        var helm = await HelmCli.ResolveAsync(CancellationToken);
        var helmMajor = await helm.MajorVersionAsync(CancellationToken);
        var profileFile = ProfileFile();

        // Whether helm can wait depends on the Service types the release renders (HelmWaitPlan explains why).
        var rendered = await new ChartVerification(helm, ChartDirectory).RenderAsync(
            new ChartValues([.. profileFile is null ? Array.Empty<string>() : [profileFile], valuesFile], HelmSettings()), CancellationToken);
        var waitPlan = HelmWaitPlan.Decide(helmMajor, cluster.Kind, HelmWaitPlan.LoadBalancerServices(rendered.OfType<k8s.Models.V1Service>()));
        var existedBefore = true;
        if (!waitPlan.HelmWaits)
        {
            Log.Warn(waitPlan.Reason!);
            existedBefore = await helm.ReleaseExistsAsync(HelmRelease, Namespace, cluster.ContextName, CancellationToken);
        }

        var request = new HelmInstallRequest(HelmRelease, ChartDirectory, Namespace, cluster.ContextName, profileFile,
            valuesFile, DeployTimeout, helmMajor, waitPlan.HelmWaits) { Settings = HelmSettings() };

        var clock = Stopwatch.StartNew();
        var watch = new RolloutWatch(Kube.Client, Namespace, ReleaseSelector);
        using var progress = Log.Progress($"helm upgrade --install {HelmRelease} (rollback after {DeployTimeout.TotalSeconds:0} s)");
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        var install = helm.UpgradeInstallAsync(request, CancellationToken);
        // Where helm does not wait, the build's watch keeps the deploy timeout (counted from the install's start, as helm's).
        var rollout = watch.WaitAsync(install, picture => Log.Info("{0,5:0.0} s  {1}", clock.Elapsed.TotalSeconds,
            string.Join(" | ", picture.Select(w => w.ProgressText))), waitPlan.HelmWaits ? Timeout.InfiniteTimeSpan : DeployTimeout, stopWatching.Token);

        try
        {
            await install;
        }
        finally
        {
            if (!install.IsCompletedSuccessfully)
            {
                await stopWatching.CancelAsync();
            }
        }

        var state = await rollout;
        var readySeconds = clock.Elapsed.TotalSeconds;
        if (state != RolloutState.RolledOut)
        {
            var failed = string.Join("; ", watch.Workloads.Where(w => w.State != RolloutState.RolledOut).Select(w => $"{w.Kind}/{w.Name}: {w.Reason}"));
            if (waitPlan.HelmWaits)
            {
                throw new TargetFailedException("helm reported success but a workload failed: " + failed);
            }

            await helm.UndoFailedInstallAsync(HelmRelease, Namespace, cluster.ContextName, existedBefore, DeployTimeout, CancellationToken);
            throw new TargetFailedException((state == RolloutState.Failed ? "a workload failed: " : $"not rolled out within {DeployTimeout.TotalSeconds:0} s: ")
                + failed + (existedBefore ? "; rolled back to the previous revision" : "; the new release was uninstalled"));
        }

        deployedThisRun = true;
        var pods = watch.Workloads.Sum(w => w.Ready);
        Summary.Add(string.Create(CultureInfo.InvariantCulture,
            $"HelmInstall: {HelmRelease} on {cluster.DisplayName}, {watch.Workloads.Count} workloads, {pods} pods Ready {readySeconds:F1} s after install start (images {transport.Method}, pullPolicy {transport.PullPolicy})"));
    }

    async Task EnsureNamespaceAsync()
    {
        try
        {
            await Kube.Client.CoreV1.ReadNamespaceAsync(Namespace, cancellationToken: CancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await Kube.Client.CoreV1.CreateNamespaceAsync(
                new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = Namespace } }, cancellationToken: CancellationToken);
            Log.Info("created namespace {0}", Namespace);
        }
    }

    async Task UndeployAsync()
    {
        var helm = await HelmCli.ResolveAsync(CancellationToken);
        var context = Kube.Context.Name;
        if (await helm.ReleaseExistsAsync(HelmRelease, Namespace, context, CancellationToken))
        {
            await helm.UninstallAsync(HelmRelease, Namespace, context, DeployTimeout, CancellationToken);
        }
        else
        {
            Log.Info("no helm release {0} in namespace {1}; removing what the build left", HelmRelease, Namespace);
        }

        // helm uninstall leaves every hook's resources behind (the helm test pod included); ReleaseCleanup removes
        // them with the build's Secret, then waits until nothing of the release is left.
        var (clean, report) = await ReleaseCleanup.RunAsync(Kube.Client, Namespace, HelmRelease, DeleteData,
            ReleaseCleanup.DefaultPatience, message => Log.Info(message), CancellationToken);
        if (!clean)
        {
            throw new TargetFailedException($"Undeploy left objects behind: {report}");
        }

        Log.Success(report);
        Summary.Add($"Undeploy: {report}");
    }

    /// <summary>The cluster branch of SmokeTest. Returns false when the smoke suite is not the cluster's business (a
    /// --smoke-base-url was given, or nothing was deployed and no context named); otherwise runs the suite through a
    /// port-forward (or minikube's NodePort), then `helm test`, then checks every backend replica serves.</summary>
    async Task<bool> SmokeTestOnClusterAsync(Func<Uri, Uri?, Task> runSuite)
    {
        if (!SmokeGoesToCluster)
        {
            return false;
        }

        await Guarded(async () =>
        {
            // Whether a minikube node IP is reachable depends on the host and the profile's driver (SmokeRoute.NodeIpUnreachable).
            var host = SmokeRoute.CurrentHost();
            var driver = SmokeViaNodePort && Kube.Identity.Kind == ClusterKind.Minikube && host != HostPlatform.Linux
                ? await MinikubeServiceTunnel.DriverAsync(Kube.Identity.ClusterName, CancellationToken)
                : null;
            var (route, problem) = SmokeRoute.Decide(SmokeBaseUrl, deployedThisRun || DeployRequested, !string.IsNullOrWhiteSpace(KubeContext),
                SmokeViaNodePort, Kube.Identity.Kind, host, driver);
            if (problem is not null)
            {
                Log.Warn(problem);
            }

            var since = DateTime.UtcNow;
            var errors = new List<string>();
            void OnError(string error)
            {
                lock (errors)
                {
                    errors.Add(error);
                }

                Log.Warn(error);
            }

            await using var backend = await ForwardToServiceAsync(ReleaseNames.BackendService, OnError);
            if (route == SmokeRouteKind.NodePort)
            {
                var service = await Kube.Client.CoreV1.ReadNamespacedServiceAsync(ReleaseNames.FrontendService, Namespace, cancellationToken: CancellationToken);
                var nodePort = service.Spec.Ports?.FirstOrDefault()?.NodePort
                    ?? throw new TargetFailedException($"Service {ReleaseNames.FrontendService} has no NodePort; deploy with --values-profile minikube.");
                await runSuite(SmokeRoute.NodePortUrl(await ClusterTools.MinikubeIpAsync(Kube.Identity.ClusterName, CancellationToken), nodePort), backend.LocalUrl);
            }
            else if (route == SmokeRouteKind.MinikubeServiceUrl)
            {
                // The tunnel lives as long as this scope: until the suite is done.
                await using var tunnel = await MinikubeServiceTunnel.StartAsync(Kube.Identity.ClusterName, Namespace, ReleaseNames.FrontendService,
                    TimeSpan.FromSeconds(60), message => Log.Info(message), CancellationToken);
                if (tunnel is not null)
                {
                    Log.Info("smoke suite through `minikube service --url`: {0}", tunnel.Url);
                    await runSuite(tunnel.Url, backend.LocalUrl);
                }
                else
                {
                    Log.Warn("minikube service gave no URL; the smoke suite goes through a port-forward instead");
                    await RunThroughPortForwardAsync();
                }
            }
            else
            {
                await RunThroughPortForwardAsync();
            }

            async Task RunThroughPortForwardAsync()
            {
                await using var frontend = await ForwardToServiceAsync(ReleaseNames.FrontendService, OnError);
                Log.Info("smoke suite through a port-forward: {0} → {1}", frontend.LocalUrl, frontend.Target);
                await runSuite(frontend.LocalUrl, backend.LocalUrl);
            }

            var helm = await HelmCli.ResolveAsync(CancellationToken);
            await helm.TestAsync(HelmRelease, Namespace, Kube.Context.Name, TimeSpan.FromMinutes(3), CancellationToken);
            Summary.Add($"helm test {HelmRelease}: passed");

            var replicas = await BackendReplicas.ObserveAsync(Kube.Client, Namespace, ReleaseNames.BackendService,
                Todo.Contracts.ApiRoutes.HealthReady, since, OnError, CancellationToken);
            var (passed, report) = BackendReplicas.Judge(replicas);
            Summary.Add($"Backend replicas: {report}");
            if (!passed)
            {
                throw new TargetFailedException($"Backend replicas: {report}");
            }
        });
        return true;
    }

    /// <summary>Whether SmokeTest goes to the cluster: Deploy or HelmInstall was asked for, or a kube context was
    /// named, and no --smoke-base-url overrides it. Known before any target runs, so SmokeTest's requirements can
    /// skip the local run's (Docker, PostgreSQL) when the cluster is the target.</summary>
    bool SmokeGoesToCluster =>
        SmokeRoute.Decide(SmokeBaseUrl, deployedThisRun || DeployRequested, !string.IsNullOrWhiteSpace(KubeContext), false, null).Route
            != SmokeRouteKind.NotCluster;

    /// <summary>HelmInstall runs in this build (Deploy or HelmInstall was asked for, and not skipped).</summary>
    bool DeployRequested => IsScheduled(HelmInstall);

    async Task<PodPortForward> ForwardToServiceAsync(string service, Action<string> onError)
    {
        var pods = await ServiceEndpoint.ReadyPodsAsync(Kube.Client, Namespace, service, servicePort: null, CancellationToken);
        if (pods.Count == 0)
        {
            throw new TargetFailedException($"Service {Namespace}/{service} has no Ready pod to forward to; run ./build.sh Diagnose.");
        }

        var (pod, port) = pods[0];
        return PodPortForward.Start(Kube.Client, Namespace, pod.Metadata.Name, port, onError);
    }

    string? ProfileFile()
    {
        var profile = ValuesProfile ?? Kube.Identity.Kind switch
        {
            ClusterKind.Minikube => "minikube",
            ClusterKind.Kind => "kind",
            _ => null,
        };
        if (profile is null)
        {
            return null;
        }

        return ChartDirectory / "ci" / $"{profile}-values.yaml";
    }

    string? ProfileProblem()
    {
        if (ValuesProfile is null)
        {
            return null;
        }

        var file = ChartDirectory / "ci" / $"{ValuesProfile}-values.yaml";
        if (File.Exists(file))
        {
            return null;
        }

        var known = Directory.Exists(ChartDirectory / "ci")
            ? string.Join(", ", Directory.GetFiles(ChartDirectory / "ci", "*-values.yaml").Select(f => Path.GetFileName(f)[..^"-values.yaml".Length]).Order(StringComparer.Ordinal))
            : "none";
        return $"--values-profile {ValuesProfile}: there is no {file.RelativeTo(RootDirectory)}. Profiles: {known}.";
    }

    /// <summary>Runs a cluster stage's work and remembers a failure, so Diagnose knows to show everything.</summary>
    async Task Guarded(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch
        {
            clusterStageFailed = true;
            throw;
        }
    }
}
