using Cluster;

namespace Build.Tests.Cluster;

public class ClusterDetectionTests
{
    [Theory]
    [InlineData("minikube", "minikube", "https://192.168.49.2:8443", null, ClusterKind.Minikube, "minikube")]
    [InlineData("demo", "demo", "https://127.0.0.1:32771", ClusterDetection.MinikubeProvider, ClusterKind.Minikube, "demo")]
    [InlineData("kind-kind", "kind-kind", "https://127.0.0.1:40123", null, ClusterKind.Kind, "kind")]
    [InlineData("kind-todo", "kind-todo", "https://127.0.0.1:40123", null, ClusterKind.Kind, "todo")]
    [InlineData("my-renamed-context", "kind-todo", "https://127.0.0.1:40123", null, ClusterKind.Kind, "todo")]
    [InlineData("k3d-dev", "k3d-dev", "https://0.0.0.0:6550", null, ClusterKind.K3d, "dev")]
    [InlineData("docker-desktop", "docker-desktop", "https://kubernetes.docker.internal:6443", null, ClusterKind.DockerDesktop, "docker-desktop")]
    [InlineData("docker-for-desktop", "docker-for-desktop-cluster", "https://localhost:6443", null, ClusterKind.DockerDesktop, "docker-for-desktop-cluster")]
    [InlineData("desktop", "desktop", "https://kubernetes.docker.internal:6443", null, ClusterKind.DockerDesktop, "desktop")]
    [InlineData("gke_proj_europe-west1_prod", "gke_proj_europe-west1_prod", "https://34.1.2.3", null, ClusterKind.Other, "gke_proj_europe-west1_prod")]
    [InlineData("rancher-desktop", "rancher-desktop", "https://127.0.0.1:6443", null, ClusterKind.Other, "rancher-desktop")]
    [InlineData("kind-", "kind-", "https://127.0.0.1:40123", null, ClusterKind.Other, "kind-")]
    public void A_context_is_recognised_by_its_name_server_and_provider(
        string context, string cluster, string server, string? provider, ClusterKind kind, string clusterName)
    {
        var identity = ClusterDetection.Detect(context, cluster, server, provider);

        Assert.Equal(kind, identity.Kind);
        Assert.Equal(clusterName, identity.ClusterName);
        Assert.Equal(context, identity.ContextName);
    }

    [Fact]
    public void A_context_without_a_cluster_entry_name_falls_back_to_the_context_name()
    {
        var identity = ClusterDetection.Detect("kind-ci", clusterName: null, server: null);

        Assert.Equal(ClusterKind.Kind, identity.Kind);
        Assert.Equal("ci", identity.ClusterName);
    }
}
