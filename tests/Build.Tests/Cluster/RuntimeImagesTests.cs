using Cluster;
using k8s.Models;

namespace Build.Tests.Cluster;

/// <summary>Reading a node's images from its container runtime, on output as the tools print it, and polling node
/// status (on <see cref="FakeApiServer"/>) long enough for an image the kubelet reports late.</summary>
public class RuntimeImagesTests
{
    [Fact]
    public void Crictl_images_rows_become_images_grouped_by_image_id()
    {
        // The sample in cri-tools' docs/crictl.md ("List images"), plus what a kind node shows after `kind load`:
        // the same image under two tags (two rows, one IMAGE ID) and an image known only by digest.
        const string output = """
            IMAGE                                      TAG                  IMAGE ID            SIZE
            busybox                                    latest               8c811b4aec35f       1.15MB
            k8s.gcr.io/pause                           3.1                  da86e6ba6ca19       742kB
            docker.io/library/todo-backend             1.2.0-3f2a9c1        5b1e0c7d9a2f4       44.9MB
            docker.io/library/todo-backend             latest               5b1e0c7d9a2f4       44.9MB
            docker.io/kindest/local-path-provisioner   <none>               3d5c2f7f0a6b1       19.4MB
            """;

        var images = RuntimeImages.ParseCrictlImages(output);

        Assert.Equal(3, images.Count);
        Assert.Equal(["busybox:latest"], images[0]);
        Assert.Equal(["k8s.gcr.io/pause:3.1"], images[1]);
        Assert.Equal(["docker.io/library/todo-backend:1.2.0-3f2a9c1", "docker.io/library/todo-backend:latest"], images[2]);
    }

    [Fact]
    public void Minikube_image_ls_lines_are_one_name_each()
    {
        // `minikube image ls` after `minikube image load redis:alpine` on Kubernetes v1.34 (default --format short).
        const string output = """
            registry.k8s.io/pause:3.10.1
            registry.k8s.io/kube-scheduler:v1.34.0
            registry.k8s.io/etcd:3.6.4-0
            registry.k8s.io/coredns/coredns:v1.12.1
            gcr.io/k8s-minikube/storage-provisioner:v5
            docker.io/library/redis:alpine
            docker.io/library/todo-frontend:1.2.0-77b0e2d
            """;

        var images = RuntimeImages.ParseMinikubeImageLs(output);

        Assert.Equal(7, images.Count);
        var verdict = NodeImages.Check(["redis:alpine", "todo-frontend:1.2.0-77b0e2d"], [new NodeImageList("minikube", images, ImageListSource.Runtime)]);
        Assert.True(verdict.AllPresent);
    }

    [Fact]
    public void Kind_and_k3d_nodes_are_asked_through_docker_exec_crictl_and_minikube_through_its_own_command()
    {
        var kind = RuntimeImages.Queries(new ClusterIdentity(ClusterKind.Kind, "kind-todo", "todo", null), ["todo-control-plane", "todo-worker"], "docker");
        Assert.Equal(["docker exec todo-control-plane crictl images", "docker exec todo-worker crictl images"], kind.Select(q => q.Command.ToString()));
        Assert.All(kind, q => Assert.Equal(RuntimeListFormat.CrictlImages, q.Format));

        var k3d = RuntimeImages.Queries(new ClusterIdentity(ClusterKind.K3d, "k3d-todo", "todo", null), ["k3d-todo-server-0"], "docker");
        Assert.Equal("docker exec k3d-todo-server-0 crictl images", Assert.Single(k3d).Command.ToString());

        var minikube = RuntimeImages.Queries(new ClusterIdentity(ClusterKind.Minikube, "demo", "demo", null), ["demo"], "docker");
        var query = Assert.Single(minikube);
        Assert.Equal(("demo", "minikube -p demo image ls", RuntimeListFormat.MinikubeImageLs), (query.Node, query.Command.ToString(), query.Format));
    }

    [Fact]
    public void Kind_and_k3d_nodes_are_asked_through_the_docker_cli_the_build_was_told_to_use()
    {
        var kind = RuntimeImages.Queries(new ClusterIdentity(ClusterKind.Kind, "kind-todo", "todo", null), ["todo-control-plane"], "/usr/bin/docker");
        var k3d = RuntimeImages.Queries(new ClusterIdentity(ClusterKind.K3d, "k3d-todo", "todo", null), ["k3d-todo-server-0"], "docker-20");

        Assert.Equal("/usr/bin/docker exec todo-control-plane crictl images", Assert.Single(kind).Command.ToString());
        Assert.Equal("docker-20 exec k3d-todo-server-0 crictl images", Assert.Single(k3d).Command.ToString());
    }

    [Fact]
    public void Other_clusters_have_no_runtime_to_ask_so_node_status_is_polled() =>
        Assert.Empty(RuntimeImages.Queries(new ClusterIdentity(ClusterKind.DockerDesktop, "docker-desktop", "docker-desktop", null), ["docker-desktop"], "docker"));

    [Fact]
    public async Task An_image_the_kubelet_reports_late_is_waited_for_not_failed()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.Store("/api/v1/nodes", "ADDED", Node("docker-desktop", "docker.io/library/todo-frontend:2"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var waiting = NodeImageProbe.WaitForNodeStatusAsync(server.Client(), ["todo-backend:2", "todo-frontend:2"], first: null,
            patience: TimeSpan.FromSeconds(20), interval: TimeSpan.FromMilliseconds(100), timeout.Token);
        await Task.Delay(500, timeout.Token);
        Assert.False(waiting.IsCompleted);

        // The kubelet's next image-list refresh and status update.
        server.Store("/api/v1/nodes", "MODIFIED", Node("docker-desktop", "docker.io/library/todo-frontend:2", "docker.io/library/todo-backend:2"));

        var verdict = await waiting;
        Assert.True(verdict.AllPresent);
        Assert.Empty(verdict.InconclusiveNodes);
    }

    [Fact]
    public async Task An_image_that_never_shows_in_node_status_is_missing_once_the_patience_ends()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.Store("/api/v1/nodes", "ADDED", Node("docker-desktop", "docker.io/library/todo-frontend:2"));

        var verdict = await NodeImageProbe.WaitForNodeStatusAsync(server.Client(), ["todo-backend:2"], first: null,
            patience: TimeSpan.FromMilliseconds(300), interval: TimeSpan.FromMilliseconds(100), CancellationToken.None);

        Assert.Equal("node docker-desktop lacks todo-backend:2", verdict.Describe());
    }

    [Fact]
    public void The_node_status_patience_outlasts_the_kubelets_refresh_and_report_cycle() =>
        // 30 s image-list refresh + 10 s status update: a healthy load can take ~40 s to show.
        Assert.True(NodeImageProbe.NodeStatusPatience >= TimeSpan.FromSeconds(80));

    static V1Node Node(string name, params string[] images) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = name },
        Status = new V1NodeStatus { Images = [.. images.Select(i => new V1ContainerImage { Names = [i], SizeBytes = 40_000_000 })] },
    };
}
