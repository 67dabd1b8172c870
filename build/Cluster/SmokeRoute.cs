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
}

/// <summary>Chooses the smoke route. A URL the user gave always wins; after a deploy in this run, or when a kube
/// context was named, the suite goes to the cluster; otherwise the non-cluster choice stands.</summary>
public static class SmokeRoute
{
    public static (SmokeRouteKind Route, string? Problem) Decide(
        string? smokeBaseUrl, bool deployedThisRun, bool kubeContextGiven, bool nodePortRequested, ClusterKind? cluster)
    {
        if (!string.IsNullOrWhiteSpace(smokeBaseUrl) || !(deployedThisRun || kubeContextGiven))
        {
            return (SmokeRouteKind.NotCluster, null);
        }

        if (!nodePortRequested)
        {
            return (SmokeRouteKind.PortForward, null);
        }

        return cluster == ClusterKind.Minikube
            ? (SmokeRouteKind.NodePort, null)
            : (SmokeRouteKind.PortForward, $"--smoke-via-node-port applies to minikube only (its profile opens NodePort 30080); "
                + $"this cluster is {cluster?.ToString() ?? "unknown"}, so the smoke suite goes through a port-forward instead.");
    }

    /// <summary>The frontend URL on a minikube node.</summary>
    public static Uri NodePortUrl(string nodeIp, int nodePort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeIp);
        return new Uri($"http://{nodeIp.Trim()}:{nodePort}/");
    }
}
