using Cluster;
using Images;

namespace Build.Tests.Cluster;

public class ImageTransportTests
{
    static readonly string[] Images = ["todo-backend:1.2.0-3f2a9c1", "todo-frontend:1.2.0-77b0e2d"];

    [Theory]
    [InlineData(ClusterKind.Minikube, TransportMethod.MinikubeImageLoad, "Never")]
    [InlineData(ClusterKind.Kind, TransportMethod.KindLoad, "Never")]
    [InlineData(ClusterKind.K3d, TransportMethod.K3dImageImport, "Never")]
    [InlineData(ClusterKind.DockerDesktop, TransportMethod.SharedDockerDaemon, "Never")]
    public void A_local_cluster_gets_its_images_loaded_and_never_pulls_them(ClusterKind kind, TransportMethod method, string pullPolicy)
    {
        var transport = ImageTransport.For(Cluster(kind, "todo"), registry: null, "docker");

        Assert.NotNull(transport);
        Assert.Equal(method, transport.Method);
        Assert.Equal(pullPolicy, transport.PullPolicy);
        Assert.True(transport.ImagesExpectedOnNodes);
    }

    // With pullPolicy Never the kubelet starts a container only from an image the node already has under exactly the
    // name in the pod spec (Kubernetes docs, "Images": imagePullPolicy Never), so the chart must name the image as
    // `minikube image load` / `kind load docker-image` put it there: the local name, unchanged.
    [Theory]
    [InlineData(ClusterKind.Minikube)]
    [InlineData(ClusterKind.Kind)]
    [InlineData(ClusterKind.K3d)]
    [InlineData(ClusterKind.DockerDesktop)]
    public void A_local_cluster_deploys_the_very_name_that_was_loaded_into_its_nodes(ClusterKind kind)
    {
        var transport = ImageTransport.For(Cluster(kind, "todo"), registry: null, "/usr/bin/docker")!;

        Assert.Equal(Images, Images.Select(image => transport.Deployed(ImageReference.Parse(image)).ToString()));
        // The node's runtime is asked through the same docker CLI (`docker exec <node> crictl images`).
        Assert.Equal("/usr/bin/docker", transport.DockerCli);
    }

    [Fact]
    public void A_registry_deploys_the_images_last_path_segment_under_the_registry_with_tag_and_digest_kept()
    {
        var transport = ImageTransport.For(Cluster(ClusterKind.Other, "prod"), "  ghcr.io/me/ ", "docker")!;

        Assert.Equal("ghcr.io/me", transport.Registry);
        Assert.Equal("ghcr.io/me/todo-backend:1.2.0@sha256:" + new string('a', 64),
            transport.Deployed(ImageReference.Parse("localhost:5000/team/todo-backend:1.2.0@sha256:" + new string('a', 64))).ToString());
    }

    [Fact]
    public void Nothing_to_move_means_no_commands_and_missing_arguments_are_refused()
    {
        var transport = ImageTransport.For(Cluster(ClusterKind.Kind, "todo"), null, "docker")!;

        Assert.Empty(transport.Commands([]));
        Assert.Throws<ArgumentNullException>(() => transport.Commands(null!));
        Assert.Throws<ArgumentNullException>(() => transport.Deployed(null!));
        Assert.Throws<ArgumentNullException>(() => ImageTransport.For(null!, null, "docker"));
        Assert.Throws<ArgumentException>(() => ImageTransport.For(Cluster(ClusterKind.Kind, "todo"), null, " "));
        Assert.Throws<ArgumentNullException>(() => ImageTransport.MissingRegistryRemedy(null!));
    }

    [Theory]
    [InlineData(ClusterKind.Minikube)]
    [InlineData(ClusterKind.Kind)]
    [InlineData(ClusterKind.Other)]
    public void An_explicit_registry_wins_and_the_chart_pulls_if_not_present(ClusterKind kind)
    {
        var transport = ImageTransport.For(Cluster(kind, "x"), "registry.example.test:5000/team/", "docker");

        Assert.NotNull(transport);
        Assert.Equal(TransportMethod.RegistryPush, transport.Method);
        Assert.Equal("IfNotPresent", transport.PullPolicy);
        Assert.False(transport.ImagesExpectedOnNodes);
        Assert.Equal("registry.example.test:5000/team/todo-backend:1.2.0-3f2a9c1", transport.Deployed(ImageReference.Parse(Images[0])).ToString());
    }

    [Fact]
    public void Another_cluster_without_a_registry_has_no_transport_and_the_remedy_names_the_parameter()
    {
        var cluster = Cluster(ClusterKind.Other, "prod");

        Assert.Null(ImageTransport.For(cluster, registry: " ", "docker"));
        var remedy = ImageTransport.MissingRegistryRemedy(cluster);
        Assert.Contains(
            $"The kube context '{cluster.ContextName}' is not a minikube, kind, k3d or Docker Desktop cluster",
            remedy,
            StringComparison.Ordinal);
        Assert.Contains("cannot copy images into its nodes", remedy, StringComparison.Ordinal);
        Assert.Contains("--registry", remedy, StringComparison.Ordinal);
        Assert.Contains("minikube start", remedy, StringComparison.Ordinal);
        Assert.Contains("kind create cluster", remedy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClusterKind.Minikube, "minikube image load todo-backend:1.2.0-3f2a9c1 -p todo|minikube image load todo-frontend:1.2.0-77b0e2d -p todo")]
    [InlineData(ClusterKind.Kind, "kind load docker-image todo-backend:1.2.0-3f2a9c1 todo-frontend:1.2.0-77b0e2d --name todo")]
    [InlineData(ClusterKind.K3d, "k3d image import todo-backend:1.2.0-3f2a9c1 todo-frontend:1.2.0-77b0e2d -c todo")]
    [InlineData(ClusterKind.DockerDesktop, "")]
    public void Each_local_cluster_kind_loads_with_its_own_tool_and_cluster_name(ClusterKind kind, string expected)
    {
        var commands = ImageTransport.For(Cluster(kind, "todo"), null, "docker")!.Commands(Images);

        Assert.Equal(expected, string.Join('|', commands.Select(c => c.ToString())));
    }

    [Fact]
    public void A_registry_transport_tags_then_pushes_each_image()
    {
        var commands = ImageTransport.For(Cluster(ClusterKind.Other, "prod"), "ghcr.io/me", "docker")!.Commands(Images);

        Assert.Equal(
            [
                "docker tag todo-backend:1.2.0-3f2a9c1 ghcr.io/me/todo-backend:1.2.0-3f2a9c1",
                "docker push ghcr.io/me/todo-backend:1.2.0-3f2a9c1",
                "docker tag todo-frontend:1.2.0-77b0e2d ghcr.io/me/todo-frontend:1.2.0-77b0e2d",
                "docker push ghcr.io/me/todo-frontend:1.2.0-77b0e2d",
            ],
            commands.Select(c => c.ToString()));
    }

    [Fact]
    public void A_registry_push_runs_the_docker_cli_the_build_was_told_to_use()
    {
        var commands = ImageTransport.For(Cluster(ClusterKind.Other, "prod"), "ghcr.io/me", "/usr/bin/docker")!.Commands(Images);

        Assert.Equal(4, commands.Count);
        Assert.All(commands, c => Assert.Equal("/usr/bin/docker", c.Executable));
    }

    static ClusterIdentity Cluster(ClusterKind kind, string name) => new(kind, $"ctx-{name}", name, "https://127.0.0.1:6443");
}
