using System.Collections;
using k8s;
using k8s.KubeConfigModels;

namespace Cluster;

/// <summary>One kube context, with what the build needs to know about its cluster.</summary>
public sealed record KubeContext(string Name, string ClusterEntry, string? Server, string? Provider, string KubeconfigPath)
{
    public ClusterIdentity Identify() => ClusterDetection.Detect(Name, ClusterEntry, Server, Provider);
}

/// <summary>Finds the kubeconfig and the context the build should use: <c>--kube-context</c> when given, otherwise
/// the kubeconfig's current context. Every way this can fail ends in a message that says what to do.</summary>
public static class KubeContexts
{
    /// <summary>The kubeconfig file: the first existing entry of KUBECONFIG, else ~/.kube/config.</summary>
    public static string KubeconfigPath(string? kubeconfigVariable, string home)
    {
        var candidates = (kubeconfigVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return candidates.FirstOrDefault(File.Exists) ?? candidates.FirstOrDefault() ?? Path.Combine(home, ".kube", "config");
    }

    public static string DefaultKubeconfigPath() =>
        KubeconfigPath(Environment.GetEnvironmentVariable("KUBECONFIG"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Chooses the context from a loaded kubeconfig. Returns the context, or the remedy when there is none.</summary>
    public static (KubeContext? Context, string? Remedy) Choose(K8SConfiguration config, string? requested, string kubeconfigPath)
    {
        ArgumentNullException.ThrowIfNull(config);
        var contexts = config.Contexts?.ToList() ?? [];
        var name = string.IsNullOrWhiteSpace(requested) ? config.CurrentContext : requested.Trim();
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, contexts.Count == 0
                ? NoClusterRemedy($"The kubeconfig {kubeconfigPath} has no contexts.")
                : $"The kubeconfig {kubeconfigPath} has no current context. Choose one: "
                    + string.Join(", ", contexts.Select(c => $"`--kube-context {c.Name}`")) + ".");
        }

        var context = contexts.FirstOrDefault(c => c.Name == name);
        if (context is null)
        {
            var known = contexts.Count == 0 ? "none" : string.Join(", ", contexts.Select(c => c.Name));
            return (null, $"The kube context '{name}' is not in {kubeconfigPath} (contexts there: {known}). "
                + "Pass one of those with `--kube-context`, or create the cluster: `minikube start` or `kind create cluster`.");
        }

        var clusterEntry = context.ContextDetails?.Cluster ?? name;
        var cluster = config.Clusters?.FirstOrDefault(c => c.Name == clusterEntry);
        return (new KubeContext(name, clusterEntry, cluster?.ClusterEndpoint?.Server, ProviderOf(cluster), kubeconfigPath), null);
    }

    /// <summary>Loads the kubeconfig and chooses the context; a missing or unreadable file is a remedy, not a crash.</summary>
    public static (KubeContext? Context, string? Remedy) Resolve(string? requested, string? kubeconfigPath = null)
    {
        var path = kubeconfigPath ?? DefaultKubeconfigPath();
        if (!File.Exists(path))
        {
            return (null, NoClusterRemedy($"No kubeconfig at {path}."));
        }

        K8SConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.LoadKubeConfig(path);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or YamlDotNet.Core.YamlException)
        {
            return (null, $"The kubeconfig {path} cannot be read: {e.Message}");
        }

        return Choose(config, requested, path);
    }

    public static IKubernetes Client(KubeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(context.KubeconfigPath, context.Name);
        return new Kubernetes(configuration);
    }

    public static string NoClusterRemedy(string what) =>
        $"{what} The cluster stages need a Kubernetes cluster. Start a local one: `minikube start` "
        + "(or `kind create cluster`, `k3d cluster create`, or enable Kubernetes in Docker Desktop), then run the build again; "
        + "to use another cluster, pass `--kube-context <name>` (see `kubectl config get-contexts`).";

    /// <summary>What to do when the context exists but its API server does not answer, worded for the cluster kind.</summary>
    public static string UnreachableRemedy(ClusterIdentity cluster, string error)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var start = cluster.Kind switch
        {
            ClusterKind.Minikube => $"Start it: `minikube start -p {cluster.ClusterName}`.",
            ClusterKind.Kind => $"Its node container may be stopped: `docker start {cluster.ClusterName}-control-plane`, or create it again: `kind create cluster --name {cluster.ClusterName}`.",
            ClusterKind.K3d => $"Start it: `k3d cluster start {cluster.ClusterName}`.",
            ClusterKind.DockerDesktop => "Start Docker Desktop and enable Kubernetes in its settings.",
            _ => "Check the cluster is up and reachable from here (VPN, credentials).",
        };
        return $"The Kubernetes API server of context '{cluster.ContextName}' ({cluster.Server ?? "no server URL"}) does not answer: {error}. "
            + start + " Or choose another context with `--kube-context <name>`; without any cluster: `minikube start` or `kind create cluster`.";
    }

    static string? ProviderOf(k8s.KubeConfigModels.Cluster? cluster)
    {
        // minikube writes: extensions: [{name: cluster_info, extension: {provider: minikube.sigs.k8s.io, ...}}]
        var info = cluster?.ClusterEndpoint?.Extensions?.FirstOrDefault(e => e.Name == "cluster_info")?.Extension;
        if (info is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (entry.Key?.ToString() == "provider")
                {
                    return entry.Value?.ToString();
                }
            }
        }

        return null;
    }
}
