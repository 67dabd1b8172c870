namespace Cluster;

/// <summary>The kinds of local cluster the build knows how to feed images to; everything else is <see cref="Other"/>.</summary>
public enum ClusterKind
{
    Minikube,
    Kind,
    K3d,
    DockerDesktop,
    Other,
}

/// <summary>Which cluster a kube context points at. <paramref name="ClusterName"/> is the name its own tool knows it by
/// (the minikube profile, the kind or k3d cluster name), which is what `kind load --name` and friends need.</summary>
public sealed record ClusterIdentity(ClusterKind Kind, string ContextName, string ClusterName, string? Server)
{
    public string DisplayName => Kind switch
    {
        ClusterKind.Minikube => $"minikube (profile '{ClusterName}')",
        ClusterKind.Kind => $"kind (cluster '{ClusterName}')",
        ClusterKind.K3d => $"k3d (cluster '{ClusterName}')",
        ClusterKind.DockerDesktop => "Docker Desktop",
        _ => $"context '{ContextName}'",
    };
}

/// <summary>Tells the cluster kind from what the kubeconfig says about a context. Each tool names its contexts its
/// own way (kind-NAME, k3d-NAME, the minikube profile, docker-desktop) and minikube also stamps its clusters with a
/// provider extension, which survives a renamed context.</summary>
public static class ClusterDetection
{
    public const string MinikubeProvider = "minikube.sigs.k8s.io";

    /// <param name="contextName">The kube context's name.</param>
    /// <param name="clusterName">The kubeconfig cluster entry the context uses (often equal to the context name).</param>
    /// <param name="server">That cluster's API server URL.</param>
    /// <param name="provider">The <c>provider</c> of the cluster entry's <c>cluster_info</c> extension, if any.</param>
    public static ClusterIdentity Detect(string contextName, string? clusterName, string? server, string? provider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contextName);
        var cluster = string.IsNullOrWhiteSpace(clusterName) ? contextName : clusterName;
        var host = HostOf(server);

        if (string.Equals(provider, MinikubeProvider, StringComparison.OrdinalIgnoreCase)
            || string.Equals(contextName, "minikube", StringComparison.OrdinalIgnoreCase))
        {
            // minikube names both the context and the cluster entry after the profile.
            return new(ClusterKind.Minikube, contextName, cluster, server);
        }

        if (TryStripPrefix(contextName, "kind-", out var kindName) || TryStripPrefix(cluster, "kind-", out kindName))
        {
            return new(ClusterKind.Kind, contextName, kindName, server);
        }

        if (TryStripPrefix(contextName, "k3d-", out var k3dName) || TryStripPrefix(cluster, "k3d-", out k3dName))
        {
            return new(ClusterKind.K3d, contextName, k3dName, server);
        }

        if (contextName is "docker-desktop" or "docker-for-desktop"
            || string.Equals(host, "kubernetes.docker.internal", StringComparison.OrdinalIgnoreCase))
        {
            return new(ClusterKind.DockerDesktop, contextName, cluster, server);
        }

        return new(ClusterKind.Other, contextName, cluster, server);
    }

    private static bool TryStripPrefix(string value, string prefix, out string rest)
    {
        if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && value.Length > prefix.Length)
        {
            rest = value[prefix.Length..];
            return true;
        }

        rest = "";
        return false;
    }

    private static string? HostOf(string? server) =>
        Uri.TryCreate(server, UriKind.Absolute, out var uri) ? uri.Host : null;
}
