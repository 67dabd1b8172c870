using System.Globalization;
using Engine;
using Helm;
using k8s;

namespace Cluster;

/// <summary>One helm release on the cluster the build talks to: where it lives, the selector of its objects, and
/// what the cluster stages do with it besides installing (<see cref="ReleaseInstall"/>) and testing it
/// (<see cref="ClusterSmoke"/>).</summary>
public sealed record ClusterRelease(ClusterAccess Kube, string Name, string Namespace)
{
    /// <summary>The names the chart gives this release's objects; without --helm-set namePrefix, from <see cref="Name"/>.</summary>
    public ReleaseNames Names { get; init; } = new(Name);

    public string Selector => $"app.kubernetes.io/instance={Name}";

    public async Task EnsureNamespaceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Kube.Client.CoreV1.ReadNamespaceAsync(Namespace, cancellationToken: cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            var created = new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = Namespace } };
            await Kube.Client.CoreV1.CreateNamespaceAsync(created, cancellationToken: cancellationToken);
            Log.Info("created namespace {0}", Namespace);
        }
    }

    /// <summary>A port-forward to the first Ready pod behind <paramref name="service"/>.</summary>
    public async Task<PodPortForward> ForwardToServiceAsync(string service, Action<string> onError, CancellationToken cancellationToken)
    {
        var pods = await ServiceEndpoint.ReadyPodsAsync(Kube.Client, Namespace, service, servicePort: null, cancellationToken);
        if (pods.Count == 0)
        {
            throw new TargetFailedException($"Service {Namespace}/{service} has no Ready pod to forward to; run ./build.sh Diagnose.");
        }

        var (pod, port) = pods[0];
        return PodPortForward.Start(Kube.Client, Namespace, pod.Metadata.Name, port, onError);
    }

    /// <summary>Prints what the cluster shows of the release and saves it under <paramref name="directory"/>; answers the file.</summary>
    public async Task<AbsolutePath> DiagnoseAsync(AbsolutePath directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var report = await DiagnosticsCollector.CollectAsync(Kube.Client, Namespace, Name, Selector, cancellationToken);
        Directory.CreateDirectory(directory);
        var file = directory / $"{Name}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.txt";
        await File.WriteAllTextAsync(file, report, cancellationToken);
        foreach (var line in report.Split('\n'))
        {
            Log.Info(line);
        }

        return file;
    }

    /// <summary>helm uninstall, then what helm leaves (hook resources, the build's Secret, volume claims only with
    /// <paramref name="deleteData"/>), then a wait until nothing of the release is left. Answers the report.</summary>
    public async Task<string> UndeployAsync(HelmCli helm, bool deleteData, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(helm);
        var context = Kube.Context.Name;
        if (await helm.ReleaseExistsAsync(Name, Namespace, context, cancellationToken))
        {
            await helm.UninstallAsync(Name, Namespace, context, timeout, cancellationToken);
        }
        else
        {
            Log.Info("no helm release {0} in namespace {1}; removing what the build left", Name, Namespace);
        }

        // helm uninstall leaves every hook's resources behind (the helm test pod included); ReleaseCleanup removes
        // them with the build's Secret, then waits until nothing of the release is left.
        var (clean, report) = await ReleaseCleanup.RunAsync(Kube.Client, Namespace, Name, deleteData,
            ReleaseCleanup.DefaultPatience, message => Log.Info(message), cancellationToken);
        return clean ? report : throw new TargetFailedException($"Undeploy left objects behind: {report}");
    }
}
