using System.Collections;
using k8s;
using k8s.KubeConfigModels;

namespace Cluster;

/// <summary>One kube context, with what the build needs to know about its cluster. <paramref name="KubeconfigPath"/>
/// is the kubeconfig file it was read from, or the files merged, joined with <see cref="Path.PathSeparator"/> as in
/// KUBECONFIG.</summary>
public sealed record KubeContext(string Name, string ClusterEntry, string? Server, string? Provider, string KubeconfigPath)
{
    public ClusterIdentity Identify() => ClusterDetection.Detect(Name, ClusterEntry, Server, Provider);
}

/// <summary>Finds the kubeconfig and the context the build should use: <c>--kube-context</c> when given, otherwise
/// the kubeconfig's current context. Every way this can fail ends in a message that says what to do.</summary>
public static class KubeContexts
{
    /// <summary>The kubeconfig files as kubectl and helm find them: every non-empty entry of KUBECONFIG (':'-separated,
    /// ';' on Windows: <see cref="Path.PathSeparator"/>), duplicates dropped, in order; without KUBECONFIG,
    /// ~/.kube/config (Kubernetes docs, "Organizing Cluster Access Using kubeconfig Files", "Merging kubeconfig files";
    /// client-go tools/clientcmd/loader.go, <c>NewDefaultClientConfigLoadingRules</c>).</summary>
    public static IReadOnlyList<string> KubeconfigFiles(string? kubeconfigVariable, string home)
    {
        var entries = (kubeconfigVariable ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        return entries.Count > 0 ? entries : [Path.Combine(home, ".kube", "config")];
    }

    public static IReadOnlyList<string> DefaultKubeconfigFiles() =>
        KubeconfigFiles(Environment.GetEnvironmentVariable("KUBECONFIG"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>
    /// Merges kubeconfigs the way kubectl does (Kubernetes docs, "Organizing Cluster Access Using kubeconfig Files",
    /// "Merging kubeconfig files"): the first file to set a value or map key wins and later files never change it, so
    /// the first non-empty <c>current-context</c> wins and a cluster, user or context named in two files is the first
    /// file's. A relative file reference (certificate-authority, client-certificate, client-key) is relative to the file
    /// that holds it (same docs, "File references"), so it is made absolute before the entries are mixed.
    /// KubernetesClient 21.0.8 has a merging <c>LoadKubeConfig(FileInfo[])</c>, but it resolves every relative
    /// reference against the first file and keeps an empty <c>current-context</c> from the first file, so the build
    /// merges itself.
    /// </summary>
    public static K8SConfiguration Merge(IReadOnlyList<K8SConfiguration> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var merged = new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            FileName = configs.Select(c => c.FileName).FirstOrDefault(f => !string.IsNullOrEmpty(f)),
            CurrentContext = configs.Select(c => c.CurrentContext).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)),
            Preferences = new Dictionary<string, object>(),
        };
        foreach (var config in configs)
        {
            foreach (var preference in config.Preferences ?? new Dictionary<string, object>())
            {
                merged.Preferences.TryAdd(preference.Key, preference.Value);
            }

            foreach (var cluster in config.Clusters ?? [])
            {
                if (cluster.ClusterEndpoint is { } endpoint)
                {
                    endpoint.CertificateAuthority = Absolute(config, endpoint.CertificateAuthority);
                }
            }

            foreach (var user in config.Users ?? [])
            {
                if (user.UserCredentials is { } credentials)
                {
                    credentials.ClientCertificate = Absolute(config, credentials.ClientCertificate);
                    credentials.ClientKey = Absolute(config, credentials.ClientKey);
                }
            }
        }

        merged.Clusters = FirstByName(configs.SelectMany(c => c.Clusters ?? []), c => c.Name);
        merged.Users = FirstByName(configs.SelectMany(c => c.Users ?? []), u => u.Name);
        merged.Contexts = FirstByName(configs.SelectMany(c => c.Contexts ?? []), c => c.Name);
        merged.Extensions = FirstByName(configs.SelectMany(c => c.Extensions ?? []), e => e.Name);
        return merged;

        static List<T> FirstByName<T>(IEnumerable<T> items, Func<T, string> name) =>
            [.. items.GroupBy(name, StringComparer.Ordinal).Select(g => g.First())];

        static string? Absolute(K8SConfiguration config, string? path) =>
            string.IsNullOrEmpty(path) || Path.IsPathRooted(path) || string.IsNullOrEmpty(config.FileName)
                ? path
                : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(config.FileName)!, path));
    }

    /// <summary>Loads and merges the existing files among <paramref name="files"/>; kubectl skips a listed file that
    /// does not exist (client-go clientcmd/loader.go, <c>Load</c>) and fails on one it cannot parse.</summary>
    public static K8SConfiguration LoadMerged(IEnumerable<string> files) =>
        Merge([.. files.Where(File.Exists).Select(f => KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(f)))]);

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

    /// <summary>Loads the kubeconfig (every file of <paramref name="kubeconfig"/>, a KUBECONFIG-style list; default:
    /// KUBECONFIG or ~/.kube/config), merged as kubectl merges it, and chooses the context; a missing or unreadable
    /// file is a remedy, not a crash.</summary>
    public static (KubeContext? Context, string? Remedy) Resolve(string? requested, string? kubeconfig = null)
    {
        var files = kubeconfig is null ? DefaultKubeconfigFiles() : KubeconfigFiles(kubeconfig, home: "");
        var existing = files.Where(File.Exists).ToList();
        if (existing.Count == 0)
        {
            return (null, NoClusterRemedy(files.Count == 1
                ? $"No kubeconfig at {files[0]}."
                : $"None of the KUBECONFIG files exists ({string.Join(", ", files)})."));
        }

        var display = string.Join(Path.PathSeparator, existing);
        K8SConfiguration config;
        try
        {
            config = LoadMerged(existing);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or YamlDotNet.Core.YamlException)
        {
            return (null, $"The kubeconfig {display} cannot be read: {e.Message}");
        }

        return Choose(config, requested, display);
    }

    public static IKubernetes Client(KubeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var merged = LoadMerged(context.KubeconfigPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, context.Name);
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
            ClusterKind.Kind
                => $"Its node container may be stopped: `docker start {cluster.ClusterName}-control-plane`, or create it again: `kind "
                    + $"create cluster --name {cluster.ClusterName}`.",
            ClusterKind.K3d => $"Start it: `k3d cluster start {cluster.ClusterName}`.",
            ClusterKind.DockerDesktop => "Start Docker Desktop and enable Kubernetes in its settings.",
            _ => "Check the cluster is up and reachable from here (VPN, credentials).",
        };
        return $"The Kubernetes API server of context '{cluster.ContextName}' ({cluster.Server ?? "no server URL"}) does not answer: "
            + $"{error}. "
            + start + " Or choose another context with `--kube-context <name>`; without any cluster: `minikube start` or `kind create "
                + "cluster`.";
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
