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
    public void The_kubeconfig_is_the_first_existing_file_of_KUBECONFIG_else_the_home_default()
    {
        var existing = Path.GetTempFileName();
        try
        {
            Assert.Equal(existing, KubeContexts.KubeconfigPath($"/nope/a{Path.PathSeparator}{existing}", "/home/me"));
            Assert.Equal(Path.Combine("/home/me", ".kube", "config"), KubeContexts.KubeconfigPath(null, "/home/me"));
        }
        finally
        {
            File.Delete(existing);
        }
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
