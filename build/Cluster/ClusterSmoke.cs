using Engine;
using Helm;
using k8s;

namespace Cluster;

/// <summary>SmokeTest's cluster branch: the smoke suite through a port-forward (or minikube's NodePort or service
/// tunnel, <see cref="SmokeRoute"/>), then <c>helm test</c>, then a check that every backend replica served.</summary>
public static class ClusterSmoke
{
    /// <param name="runSuite">Runs the smoke suite against a frontend URL and, when there is one, a backend URL.</param>
    /// <param name="summarize">Adds a line to the build's summary.</param>
    public static async Task RunAsync(
        ClusterRelease release, HelmCli helm, SmokeRouteKind route, Func<Uri, Uri?, Task> runSuite, Action<string> summarize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(helm);
        ArgumentNullException.ThrowIfNull(runSuite);
        ArgumentNullException.ThrowIfNull(summarize);
        var kube = release.Kube;
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

        await using var backend = await release.ForwardToServiceAsync(release.Names.BackendService, OnError, cancellationToken);
        if (route == SmokeRouteKind.NodePort)
        {
            var service = await kube.Client.CoreV1.ReadNamespacedServiceAsync(release.Names.FrontendService, release.Namespace,
                cancellationToken: cancellationToken);
            var nodePort = service.Spec.Ports?.FirstOrDefault()?.NodePort
                ?? throw new TargetFailedException(
                    $"Service {release.Names.FrontendService} has no NodePort; deploy with --values-profile minikube.");
            var nodeIp = await ClusterTools.MinikubeIpAsync(kube.Identity.ClusterName, cancellationToken);
            await runSuite(SmokeRoute.NodePortUrl(nodeIp, nodePort), backend.LocalUrl);
        }
        else if (route == SmokeRouteKind.MinikubeServiceUrl)
        {
            // The tunnel lives as long as this scope: until the suite is done.
            await using var tunnel = await MinikubeServiceTunnel.StartAsync(kube.Identity.ClusterName, release.Namespace,
                release.Names.FrontendService, TimeSpan.FromSeconds(60), message => Log.Info(message), cancellationToken);
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
            await using var frontend = await release.ForwardToServiceAsync(release.Names.FrontendService, OnError, cancellationToken);
            Log.Info("smoke suite through a port-forward: {0} → {1}", frontend.LocalUrl, frontend.Target);
            await runSuite(frontend.LocalUrl, backend.LocalUrl);
        }

        await helm.TestAsync(release.Name, release.Namespace, kube.Context.Name, TimeSpan.FromMinutes(3), cancellationToken);
        summarize($"helm test {release.Name}: passed");

        var replicas = await BackendReplicas.ObserveAsync(kube.Client, release.Namespace, release.Names.BackendService,
            Todo.Contracts.ApiRoutes.HealthReady, since, OnError, cancellationToken);
        var (passed, report) = BackendReplicas.Judge(replicas);
        summarize($"Backend replicas: {report}");
        if (!passed)
        {
            throw new TargetFailedException($"Backend replicas: {report}");
        }
    }

    /// <summary>The route, after asking minikube for its driver where that decides it (SmokeRoute.NodeIpUnreachable).</summary>
    public static async Task<(SmokeRouteKind Route, string? Problem)> RouteAsync(
        ClusterAccess kube, string? smokeBaseUrl, bool deploys, bool kubeContextGiven, bool viaNodePort,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kube);
        var host = SmokeRoute.CurrentHost();
        var driver = viaNodePort && kube.Identity.Kind == ClusterKind.Minikube && host != HostPlatform.Linux
            ? await MinikubeServiceTunnel.DriverAsync(kube.Identity.ClusterName, cancellationToken)
            : null;
        return SmokeRoute.Decide(smokeBaseUrl, deploys, kubeContextGiven, viaNodePort, kube.Identity.Kind, host, driver);
    }
}
