using System.Diagnostics;
using System.Globalization;
using Engine;
using Helm;
using Images;

namespace Cluster;

/// <summary>What HelmInstall installs besides the built images: the chart, its values profile, the file the generated
/// values go to, how long helm may take, the secrets (into the build's Secret, never onto a command line), the model
/// settings and the --helm-set pairs.</summary>
public sealed record InstallSettings(
    string ChartDirectory,
    string? ProfileFile,
    string GeneratedValuesFile,
    TimeSpan Timeout,
    SecretInputs Secrets,
    string? ModelBaseUrl,
    string? ModelName,
    IReadOnlyDictionary<string, string> HelmSettings);

/// <summary>HelmInstall's work: refuse images the nodes cannot run, move them onto the cluster and check they are
/// there, apply the Secret, then helm upgrade --install while the build watches every workload roll out.</summary>
public static class ReleaseInstall
{
    /// <returns>The summary line of a rolled-out install.</returns>
    public static async Task<string> RunAsync(
        ClusterRelease release, HelmCli helm, ImagesManifest manifest, InstallSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(helm);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(settings);
        var kube = release.Kube;
        var cluster = kube.Identity;
        var transport = kube.Transport ?? throw new TargetFailedException(ImageTransport.MissingRegistryRemedy(cluster));
        Log.Info("cluster: {0}, context {1}, namespace {2}", cluster.DisplayName, cluster.ContextName, release.Namespace);

        // A node that cannot run the images would only show ErrImagePull/exec format errors later: refuse now, saying what to build.
        var builtFor = ContainerPlatform.Parse(manifest[ImageCatalog.Backend.Name].Platform);
        var nodes = await kube.NodeArchitecturesAsync(cancellationToken);
        if (nodes is not null && ImagePlatformChoice.RefusalToDeploy(builtFor, nodes) is { } refusal)
            throw new TargetFailedException(refusal);
        var local = ImageCatalog.All.ToDictionary(image => image.Component, image => manifest[image.Name].Image);
        await ClusterTools.RunAsync(transport.Commands([.. local.Values.Select(image => image.ToString())]), cancellationToken);
        var deployed = local.ToDictionary(image => image.Key, image => transport.Deployed(image.Value));
        if (transport.ImagesExpectedOnNodes)
            await CheckImagesOnNodesAsync(kube, transport, [.. deployed.Values.Select(image => image.ToString())], cancellationToken);

        await release.EnsureNamespaceAsync(cancellationToken);
        var secretName = ReleaseSecret.NameFor(release.Name);
        var secret = await ReleaseSecret.ApplyAsync(kube.Client, secretName, release.Namespace, settings.Secrets, cancellationToken);
        Log.Info(secret.Explanation);

        var overrides = new ChartOverrides(deployed, transport.PullPolicy, secretName,
            settings.ModelBaseUrl, settings.ModelName, ExternalDatabase: !string.IsNullOrEmpty(settings.Secrets.DatabaseUrl));
        Directory.CreateDirectory(Path.GetDirectoryName(settings.GeneratedValuesFile)!);
        await File.WriteAllTextAsync(settings.GeneratedValuesFile, overrides.ToYaml(), cancellationToken);

        var helmMajor = await helm.MajorVersionAsync(cancellationToken);
        // Whether helm can wait depends on the Service types the release renders (HelmWaitPlan explains why).
        string[] valuesFiles = settings.ProfileFile is null
            ? [settings.GeneratedValuesFile]
            : [settings.ProfileFile, settings.GeneratedValuesFile];
        var values = new ChartValues(valuesFiles, settings.HelmSettings);
        var rendered = await new ChartVerification(helm, settings.ChartDirectory).RenderAsync(values, cancellationToken);
        var loadBalancers = HelmWaitPlan.LoadBalancerServices(rendered.OfType<k8s.Models.V1Service>());
        var waitPlan = HelmWaitPlan.Decide(helmMajor, cluster.Kind, loadBalancers);
        var existedBefore = true;
        if (!waitPlan.HelmWaits)
        {
            Log.Warn(waitPlan.Reason!);
            existedBefore = await helm.ReleaseExistsAsync(release.Name, release.Namespace, cluster.ContextName, cancellationToken);
        }

        var request = new HelmInstallRequest(release.Name, settings.ChartDirectory, release.Namespace, cluster.ContextName,
            settings.ProfileFile, settings.GeneratedValuesFile, settings.Timeout, helmMajor, waitPlan.HelmWaits)
        {
            Settings = settings.HelmSettings,
        };
        var (watch, readySeconds) = await InstallWatchingAsync(release, helm, request, existedBefore, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture,
            $"HelmInstall: {release.Name} on {cluster.DisplayName}, {watch.Workloads.Count} workloads, "
            + $"{watch.Workloads.Sum(w => w.Ready)} pods Ready {readySeconds:F1} s after install start "
            + $"(images {transport.Method}, pullPolicy {transport.PullPolicy})");
    }

    static async Task CheckImagesOnNodesAsync(
        ClusterAccess kube, ImageTransport transport, string[] deployed, CancellationToken cancellationToken)
    {
        var (verdict, source) = await NodeImageProbe.CheckAsync(kube.Client, transport, deployed, NodeImageProbe.NodeStatusPatience,
            message => Log.Warn(message), cancellationToken);
        if (!verdict.AllPresent)
            throw new TargetFailedException(NodeImages.MissingStory(verdict, transport, source));

        if (verdict.InconclusiveNodes.Count > 0)
        {
            Log.Warn("node(s) {0} report only their {1} largest images (and {2} names per image) in their status, so whether {3} "
                + "is there cannot be told from it; a missing image would show as ErrImageNeverPull in the rollout",
                string.Join(", ", verdict.InconclusiveNodes), NodeImages.KubeletReportLimit, NodeImages.KubeletNamesPerImage,
                string.Join(", ", deployed));
        }
        else
        {
            var asked = source == ImageListSource.Runtime ? "asked the container runtime" : "node status";
            Log.Success("images on every node ({0}): {1}", asked, string.Join(", ", deployed));
        }
    }

    /// <summary>helm upgrade --install with the build's own watch of every workload beside it. Where helm does not wait,
    /// the watch keeps the deploy timeout (counted from the install's start, as helm's) and undoes a failed rollout as
    /// --atomic would.</summary>
    static async Task<(RolloutWatch Watch, double ReadySeconds)> InstallWatchingAsync(
        ClusterRelease release, HelmCli helm, HelmInstallRequest request, bool existedBefore, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var watch = new RolloutWatch(release.Kube.Client, release.Namespace, release.Selector);
        using var progress = Log.Progress($"helm upgrade --install {release.Name} (rollback after {request.Timeout.TotalSeconds:0} s)");
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var install = helm.UpgradeInstallAsync(request, cancellationToken);
        void Show(IReadOnlyList<WorkloadRollout> picture) =>
            Log.Info("{0,5:0.0} s  {1}", clock.Elapsed.TotalSeconds, string.Join(" | ", picture.Select(w => w.ProgressText)));
        var rollout = watch.WaitAsync(install, Show, request.HelmWaits ? Timeout.InfiniteTimeSpan : request.Timeout, stopWatching.Token);

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
        if (state == RolloutState.RolledOut)
            return (watch, readySeconds);

        var failed = string.Join("; ", watch.Workloads.Where(w => w.State != RolloutState.RolledOut)
            .Select(w => $"{w.Kind}/{w.Name}: {w.Reason}"));
        if (request.HelmWaits)
            throw new TargetFailedException("helm reported success but a workload failed: " + failed);

        await helm.UndoFailedInstallAsync(release.Name, release.Namespace, request.KubeContext, existedBefore, request.Timeout,
            cancellationToken);
        var what = state == RolloutState.Failed ? "a workload failed: " : $"not rolled out within {request.Timeout.TotalSeconds:0} s: ";
        throw new TargetFailedException(what
            + failed + (existedBefore ? "; rolled back to the previous revision" : "; the new release was uninstalled"));
    }
}
