using System.Text;
using Cluster;
using k8s;

namespace Build.Tests.Cluster;

public class KubeContextsTests
{
    // The shape minikube, kind and k3d write (abridged: no credentials).
    const string Kubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: kind-todo
        clusters:
        - cluster:
            server: https://127.0.0.1:40123
          name: kind-todo
        - cluster:
            server: https://192.168.49.2:8443
            extensions:
            - extension:
                last-update: Mon, 24 Nov 2026 00:00:00 UTC
                provider: minikube.sigs.k8s.io
                version: v1.37.0
              name: cluster_info
          name: demo
        contexts:
        - context:
            cluster: kind-todo
            user: kind-todo
          name: kind-todo
        - context:
            cluster: demo
            user: demo
          name: demo
        users:
        - name: kind-todo
          user: {}
        - name: demo
          user: {}
        """;

    [Fact]
    public void Without_a_requested_context_the_current_one_is_used()
    {
        var (context, remedy) = KubeContexts.Choose(Load(Kubeconfig), requested: null, "/home/me/.kube/config");

        Assert.Null(remedy);
        Assert.Equal(new KubeContext("kind-todo", "kind-todo", "https://127.0.0.1:40123", null, "/home/me/.kube/config"), context);
        Assert.Equal(ClusterKind.Kind, context!.Identify().Kind);
    }

    [Fact]
    public void A_minikube_profile_with_any_name_is_recognised_by_its_provider_extension()
    {
        var (context, _) = KubeContexts.Choose(Load(Kubeconfig), "demo", "/k");

        Assert.Equal("minikube.sigs.k8s.io", context!.Provider);
        Assert.Equal(new ClusterIdentity(ClusterKind.Minikube, "demo", "demo", "https://192.168.49.2:8443"), context.Identify());
    }

    [Fact]
    public void An_unknown_context_is_refused_with_the_known_ones_listed()
    {
        var (context, remedy) = KubeContexts.Choose(Load(Kubeconfig), "prod", "/k");

        Assert.Null(context);
        Assert.Equal("The kube context 'prod' is not in /k (contexts there: kind-todo, demo). Pass one of those with "
            + "`--kube-context`, or create the cluster: `minikube start` or `kind create cluster`.", remedy);
    }

    [Fact]
    public void An_empty_kubeconfig_says_how_to_get_a_cluster()
    {
        var (context, remedy) = KubeContexts.Choose(Load("apiVersion: v1\nkind: Config\n"), null, "/k");

        Assert.Null(context);
        Assert.Contains("minikube start", remedy, StringComparison.Ordinal);
        Assert.Contains("kind create cluster", remedy, StringComparison.Ordinal);
        Assert.Contains("--kube-context", remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_kubeconfig_file_is_a_remedy_not_a_crash()
    {
        var (context, remedy) = KubeContexts.Resolve(null, "/nonexistent/kubeconfig");

        Assert.Null(context);
        Assert.StartsWith("No kubeconfig at /nonexistent/kubeconfig. The cluster stages need a Kubernetes cluster.", remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kubeconfig_files_are_every_entry_of_KUBECONFIG_else_the_home_default()
    {
        var separator = Path.PathSeparator;
        Assert.Equal(["/a/config", "/b/kind.yaml"], KubeContexts.KubeconfigFiles($"/a/config{separator}{separator}/b/kind.yaml{separator}/a/config", "/home/me"));
        Assert.Equal([Path.Combine("/home/me", ".kube", "config")], KubeContexts.KubeconfigFiles(null, "/home/me"));
        Assert.Equal([Path.Combine("/home/me", ".kube", "config")], KubeContexts.KubeconfigFiles("", "/home/me"));
    }

    [Fact]
    public void A_context_from_the_second_kubeconfig_file_is_found_as_kubectl_finds_it()
    {
        using var files = new TempKubeconfigs();
        var first = files.Write("config", Single("minikube", "https://192.168.49.2:8443", currentContext: "minikube"));
        var second = files.Write("kind.yaml", Single("kind-todo", "https://127.0.0.1:40123", currentContext: "kind-todo"));
        var missing = Path.Combine(files.Directory, "not-there.yaml");

        var (context, remedy) = KubeContexts.Resolve("kind-todo", string.Join(Path.PathSeparator, first, missing, second));

        Assert.Null(remedy);
        Assert.Equal("https://127.0.0.1:40123", context!.Server);
        Assert.Equal(string.Join(Path.PathSeparator, first, second), context.KubeconfigPath);
        Assert.Equal(ClusterKind.Kind, context.Identify().Kind);
    }

    [Fact]
    public void The_first_file_to_set_a_value_wins()
    {
        using var files = new TempKubeconfigs();
        var first = files.Write("a", Single("shared", "https://first.test:6443", currentContext: "shared"));
        var second = files.Write("b", Single("shared", "https://second.test:6443", currentContext: "other"));

        var (context, _) = KubeContexts.Resolve(null, string.Join(Path.PathSeparator, first, second));

        Assert.Equal("shared", context!.Name);
        Assert.Equal("https://first.test:6443", context.Server);
    }

    [Fact]
    public void A_first_file_without_a_current_context_leaves_it_to_the_next_file()
    {
        using var files = new TempKubeconfigs();
        var first = files.Write("a", Single("minikube", "https://192.168.49.2:8443", currentContext: ""));
        var second = files.Write("b", Single("kind-todo", "https://127.0.0.1:40123", currentContext: "kind-todo"));

        var (context, remedy) = KubeContexts.Resolve(null, string.Join(Path.PathSeparator, first, second));

        Assert.Null(remedy);
        Assert.Equal("kind-todo", context!.Name);
    }

    [Fact]
    public void Relative_file_references_stay_relative_to_the_file_that_holds_them()
    {
        using var files = new TempKubeconfigs();
        var first = files.Write("a", Single("minikube", "https://192.168.49.2:8443", currentContext: "minikube"));
        var nested = Path.Combine(files.Directory, "kind");
        System.IO.Directory.CreateDirectory(nested);
        var second = files.Write(Path.Combine("kind", "config"), Single("kind-todo", "https://127.0.0.1:40123", currentContext: "kind-todo")
            .Replace("    server:", "    certificate-authority: ca.crt\n    server:", StringComparison.Ordinal));

        var merged = KubeContexts.LoadMerged([first, second]);

        Assert.Equal(Path.Combine(nested, "ca.crt"), merged.Clusters.Single(c => c.Name == "kind-todo").ClusterEndpoint.CertificateAuthority);
    }

    [Fact]
    public void When_no_listed_kubeconfig_exists_the_remedy_names_them_all()
    {
        var (context, remedy) = KubeContexts.Resolve(null, $"/nope/a{Path.PathSeparator}/nope/b");

        Assert.Null(context);
        Assert.StartsWith("None of the KUBECONFIG files exists (/nope/a, /nope/b).", remedy, StringComparison.Ordinal);
    }

    static string Single(string name, string server, string currentContext) => $"""
        apiVersion: v1
        kind: Config
        current-context: "{currentContext}"
        clusters:
        - cluster:
            server: {server}
          name: {name}
        contexts:
        - context:
            cluster: {name}
            user: {name}
          name: {name}
        users:
        - name: {name}
          user:
            token: not-a-real-token
        """;

    sealed class TempKubeconfigs : IDisposable
    {
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("kubeconfigs-").FullName;

        public string Write(string name, string yaml)
        {
            var path = Path.Combine(Directory, name);
            File.WriteAllText(path, yaml);
            return path;
        }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }

    [Theory]
    [InlineData(ClusterKind.Minikube, "demo", "`minikube start -p demo`")]
    [InlineData(ClusterKind.Kind, "todo", "`docker start todo-control-plane`")]
    [InlineData(ClusterKind.K3d, "dev", "`k3d cluster start dev`")]
    [InlineData(ClusterKind.DockerDesktop, "docker-desktop", "enable Kubernetes")]
    public void An_unreachable_api_server_gets_the_restart_command_of_its_kind(ClusterKind kind, string name, string hint)
    {
        var remedy = KubeContexts.UnreachableRemedy(new ClusterIdentity(kind, name, name, "https://127.0.0.1:1"), "Connection refused");

        Assert.Contains("does not answer: Connection refused", remedy, StringComparison.Ordinal);
        Assert.Contains(hint, remedy, StringComparison.Ordinal);
        Assert.Contains("--kube-context", remedy, StringComparison.Ordinal);
    }

    static k8s.KubeConfigModels.K8SConfiguration Load(string yaml) =>
        KubernetesClientConfiguration.LoadKubeConfig(new MemoryStream(Encoding.UTF8.GetBytes(yaml)));
}
