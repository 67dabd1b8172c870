namespace Cluster;

/// <summary>How the smoke suite reaches the app when the cluster branch applies.</summary>
public enum SmokeRouteKind
{
    /// <summary>Not the cluster's business: a given URL or the local docker run decides (Smoke/SmokeTargetChoice).</summary>
    NotCluster,

    /// <summary>A port-forward through the API server to a Ready frontend pod (works on every cluster).</summary>
    PortForward,

    /// <summary>minikube's node IP and the frontend's NodePort, asked for with <c>--smoke-via-node-port</c>.</summary>
    NodePort,

    /// <summary>The URL <c>minikube service NAME --url</c> prints where the node IP is not reachable from the host;
    /// that command is a tunnel and must keep running while the suite runs.</summary>
    MinikubeServiceUrl,
}

/// <summary>The host the build runs on, as far as reaching a minikube node goes.</summary>
public enum HostPlatform
{
    Linux,
    MacOS,
    Windows,

    /// <summary>Linux under Windows Subsystem for Linux, whose Docker is Docker Desktop's.</summary>
    Wsl,
}

/// <summary>Chooses the smoke route. A URL the user gave always wins; after a deploy in this run, or when a kube
/// context was named, the suite goes to the cluster; otherwise the non-cluster choice stands.</summary>
public static class SmokeRoute
{
    /// <param name="host">Where the build runs.</param>
    /// <param name="minikubeDriver">The minikube profile's driver (<c>docker</c>, <c>podman</c>, <c>kvm2</c>, …) when
    /// known; only asked for when a NodePort on minikube was requested.</param>
    public static (SmokeRouteKind Route, string? Problem) Decide(
        string? smokeBaseUrl, bool deployedThisRun, bool kubeContextGiven, bool nodePortRequested, ClusterKind? cluster,
        HostPlatform host = HostPlatform.Linux, string? minikubeDriver = null)
    {
        if (!string.IsNullOrWhiteSpace(smokeBaseUrl) || !(deployedThisRun || kubeContextGiven))
        {
            return (SmokeRouteKind.NotCluster, null);
        }

        if (!nodePortRequested)
        {
            return (SmokeRouteKind.PortForward, null);
        }

        if (cluster != ClusterKind.Minikube)
        {
            return (SmokeRouteKind.PortForward, $"--smoke-via-node-port applies to minikube only (its profile opens NodePort 30080); "
                + $"this cluster is {cluster?.ToString() ?? "unknown"}, so the smoke suite goes through a port-forward instead.");
        }

        return NodeIpUnreachable(host, minikubeDriver)
            ? (SmokeRouteKind.MinikubeServiceUrl,
                $"minikube's {minikubeDriver ?? "unknown"} driver on {host} puts the node behind Docker Desktop's VM, "
                + "so its IP is not reachable from here; the smoke suite goes through the tunnel `minikube service --url` opens.")
            : (SmokeRouteKind.NodePort, null);
    }

    /// <summary>
    /// Whether the minikube node's IP cannot be reached from the host. minikube itself answers this in
    /// pkg/minikube/driver/driver.go, <c>NeedsPortForward</c>: with a container ("KIC") driver, docker or podman, on
    /// macOS, Windows or WSL the node lives in Docker Desktop's VM, so `minikube service` runs a tunnel and says "the
    /// terminal needs to be open to run it" (minikube docs, "Accessing apps": the network is limited with the Docker
    /// driver on Darwin, Windows or WSL and the node IP is not reachable directly). A VM driver (hyperkit, qemu2,
    /// hyperv, virtualbox, kvm2) gives the host a route to the node; an unknown driver there is treated as a container.
    /// </summary>
    public static bool NodeIpUnreachable(HostPlatform host, string? minikubeDriver)
    {
        if (host == HostPlatform.Linux)
        {
            return false;
        }

        return minikubeDriver is null
            || minikubeDriver.Equals("docker", StringComparison.OrdinalIgnoreCase)
            || minikubeDriver.Equals("podman", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The platform this process runs on; WSL is told by the variable WSL sets in every distribution.</summary>
    public static HostPlatform CurrentHost() =>
        OperatingSystem.IsMacOS() ? HostPlatform.MacOS
        : OperatingSystem.IsWindows() ? HostPlatform.Windows
        : !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WSL_DISTRO_NAME")) ? HostPlatform.Wsl
        : HostPlatform.Linux;

    /// <summary>The frontend URL on a minikube node.</summary>
    public static Uri NodePortUrl(string nodeIp, int nodePort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeIp);
        return new Uri($"http://{nodeIp.Trim()}:{nodePort}/");
    }
}
