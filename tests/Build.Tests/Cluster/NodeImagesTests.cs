using Cluster;

namespace Build.Tests.Cluster;

public class NodeImagesTests
{
    [Theory]
    [InlineData("todo-backend:1.0", "docker.io/library/todo-backend:1.0")]
    [InlineData("me/todo-backend:1.0", "docker.io/me/todo-backend:1.0")]
    [InlineData("docker.io/library/postgres:17.6", "docker.io/library/postgres:17.6")]
    [InlineData("localhost/todo-backend:1.0", "localhost/todo-backend:1.0")]
    [InlineData("registry.test:5000/todo-backend:1.0", "registry.test:5000/todo-backend:1.0")]
    [InlineData("todo-backend@sha256:abc", "docker.io/library/todo-backend@sha256:abc")]
    [InlineData("registryhost:5000/todo-backend:1.0", "registryhost:5000/todo-backend:1.0")]
    [InlineData("registry.example/todo-backend:1.0", "registry.example/todo-backend:1.0")]
    public void References_are_compared_fully_qualified(string reference, string qualified) =>
        Assert.Equal(qualified, NodeImages.Qualify(reference));

    // One name per image, as node status shows images loaded with `kind load` (no repo digest).
    static NodeImageList Status(string node, params string[] names) =>
        new(node, [.. names.Select(n => (IReadOnlyList<string>)[n])], ImageListSource.NodeStatus);

    [Fact]
    public void Images_loaded_into_containerd_count_as_present_under_their_qualified_names()
    {
        var verdict = NodeImages.Check(
            ["todo-backend:1.2.0-3f2a9c1", "todo-frontend:1.2.0-77b0e2d"],
            [Status("kind-control-plane", "docker.io/library/todo-backend:1.2.0-3f2a9c1", "docker.io/library/todo-frontend:1.2.0-77b0e2d", "registry.k8s.io/pause:3.10")]);

        Assert.True(verdict.AllPresent);
    }

    [Fact]
    public void An_image_missing_from_one_node_is_reported_with_that_node()
    {
        var verdict = NodeImages.Check(
            ["todo-backend:2", "todo-frontend:2"],
            [
                Status("worker-1", "docker.io/library/todo-backend:2", "docker.io/library/todo-frontend:2"),
                Status("worker-2", "docker.io/library/todo-backend:1", "docker.io/library/todo-frontend:2"),
            ]);

        Assert.False(verdict.AllPresent);
        Assert.Equal("node worker-2 lacks todo-backend:2", verdict.Describe());
    }

    [Fact]
    public void A_node_whose_status_lists_the_kubelets_50_images_proves_nothing_about_absence()
    {
        var full = Enumerable.Range(0, NodeImages.KubeletReportLimit).Select(i => $"big/image-{i}:1").ToArray();

        var verdict = NodeImages.Check(["todo-backend:2"], [Status("busy", full)]);

        Assert.True(verdict.AllPresent);
        Assert.Equal(["busy"], verdict.InconclusiveNodes);
    }

    [Fact]
    public void Images_are_counted_not_names_so_30_images_with_a_digest_and_a_tag_each_are_a_complete_list()
    {
        // The kubelet lists digests first, then tags (nodestatus.Images): 60 names, 30 images, under the limit of 50.
        var images = Enumerable.Range(0, 30).Select(i => (IReadOnlyList<string>)
            [$"docker.io/library/app-{i}@sha256:{i:D64}", $"docker.io/library/app-{i}:1"]).ToList();

        var verdict = NodeImages.Check(["todo-backend:2"], [new NodeImageList("kind-control-plane", images, ImageListSource.NodeStatus)]);

        Assert.False(verdict.AllPresent);
        Assert.Empty(verdict.InconclusiveNodes);
        Assert.Equal("node kind-control-plane lacks todo-backend:2", verdict.Describe());
    }

    [Fact]
    public void An_image_of_the_same_repository_shown_with_5_names_may_hide_the_wanted_tag()
    {
        IReadOnlyList<string> cut =
        [
            "docker.io/library/todo-backend@sha256:" + new string('a', 64),
            "docker.io/library/todo-backend:1", "docker.io/library/todo-backend:2",
            "docker.io/library/todo-backend:3", "docker.io/library/todo-backend:4",
        ];

        var verdict = NodeImages.Check(["todo-backend:5"], [new NodeImageList("node-1", [cut], ImageListSource.NodeStatus)]);

        Assert.True(verdict.AllPresent);
        Assert.Equal(["node-1"], verdict.InconclusiveNodes);
    }

    [Fact]
    public void A_runtimes_own_list_has_no_limits_so_absence_from_it_is_missing()
    {
        var full = Enumerable.Range(0, 80).Select(i => (IReadOnlyList<string>)[$"docker.io/big/image-{i}:1"]).ToList();

        var verdict = NodeImages.Check(["todo-backend:2"], [new NodeImageList("todo-control-plane", full, ImageListSource.Runtime)]);

        Assert.False(verdict.AllPresent);
        Assert.Empty(verdict.InconclusiveNodes);
    }

    [Fact]
    public void A_cluster_without_nodes_is_a_problem_not_a_pass()
    {
        var verdict = NodeImages.Check(["todo-backend:2"], []);

        Assert.False(verdict.AllPresent);
        Assert.Equal("The cluster reports no nodes.", verdict.Describe());
    }

    [Fact]
    public void A_missing_image_tells_the_err_image_never_pull_story_with_the_commands_to_run()
    {
        var cluster = new ClusterIdentity(ClusterKind.Kind, "kind-todo", "todo", null);
        var transport = ImageTransport.For(cluster, registry: null, "docker")!;
        var verdict = NodeImages.Check(["todo-backend:2"], [new NodeImageList("todo-control-plane", [], ImageListSource.Runtime)]);

        Assert.Equal(
            "node todo-control-plane lacks todo-backend:2: the node's container runtime does not list them after KindLoad. "
            + "With pullPolicy Never the pods could only fail with ErrImageNeverPull. Check the load command's output above, "
            + "that it went to this cluster (kind (cluster 'todo')), and load them again: `kind load docker-image todo-backend:2 --name todo`. "
            + "See the runtime's list with `docker exec todo-control-plane crictl images` (nodes: `kind get nodes --name todo`).",
            NodeImages.MissingStory(verdict, transport, ImageListSource.Runtime));
    }
    [Fact]
    public void A_node_status_one_image_short_of_the_kubelets_limit_is_complete_so_absence_there_is_missing()
    {
        var almostFull = Enumerable.Range(0, NodeImages.KubeletReportLimit - 1).Select(i => $"big/image-{i}:1").ToArray();

        var verdict = NodeImages.Check(["todo-backend:2"], [Status("busy", almostFull)]);

        Assert.Empty(verdict.InconclusiveNodes);
        Assert.Equal([("busy", "todo-backend:2")], verdict.Missing);
    }

    [Theory]
    // Four names are below the kubelet's cut, so every name the image has is shown.
    [InlineData(4, "docker.io/library/todo-backend", "todo-backend:5", false)]
    // Five names of another repository say nothing about ours.
    [InlineData(5, "docker.io/library/todo-frontend", "todo-backend:5", false)]
    // A registry port's colon is not a tag's: same repository, names cut.
    [InlineData(5, "localhost:5000/todo-backend", "localhost:5000/todo-backend:5", true)]
    [InlineData(5, "localhost:5000/todo-backend", "localhost:5000/todo-frontend:5", false)]
    public void Only_an_image_of_the_wanted_repository_shown_with_five_names_makes_its_absence_unprovable(
        int names, string repository, string wanted, bool inconclusive)
    {
        IReadOnlyList<string> image = [$"{repository}@sha256:{new string('a', 64)}", .. Enumerable.Range(1, names - 1).Select(i => $"{repository}:{i}")];

        var verdict = NodeImages.Check([wanted], [new NodeImageList("node-1", [image], ImageListSource.NodeStatus)]);

        Assert.Equal(inconclusive ? ["node-1"] : [], verdict.InconclusiveNodes);
        Assert.Equal(inconclusive ? [] : [("node-1", wanted)], verdict.Missing);
    }

    [Fact]
    public void A_runtimes_own_list_is_never_cut_so_five_names_of_the_repository_do_not_excuse_a_missing_tag()
    {
        IReadOnlyList<string> image = ["docker.io/library/todo-backend:1", "docker.io/library/todo-backend:2",
            "docker.io/library/todo-backend:3", "docker.io/library/todo-backend:4", "docker.io/library/todo-backend:6"];

        var verdict = NodeImages.Check(["todo-backend:5"], [new NodeImageList("node-1", [image], ImageListSource.Runtime)]);

        Assert.Empty(verdict.InconclusiveNodes);
        Assert.Equal([("node-1", "todo-backend:5")], verdict.Missing);
    }

    [Fact]
    public void Of_two_absent_images_only_the_unprovable_one_is_excused_and_each_node_is_judged_on_its_own()
    {
        IReadOnlyList<string> cut = ["docker.io/library/todo-backend@sha256:" + new string('b', 64),
            "docker.io/library/todo-backend:1", "docker.io/library/todo-backend:2", "docker.io/library/todo-backend:3", "docker.io/library/todo-backend:4"];
        NodeImageList[] nodes =
        [
            new("worker-1", [cut], ImageListSource.NodeStatus),
            Status("worker-2", "docker.io/library/todo-backend:9"),
            Status("worker-3", "docker.io/library/todo-backend:9", "docker.io/library/todo-frontend:9"),
        ];

        var verdict = NodeImages.Check(["todo-backend:9", "todo-frontend:9"], nodes);

        Assert.Equal(["worker-1"], verdict.InconclusiveNodes);
        Assert.Equal([("worker-1", "todo-frontend:9"), ("worker-2", "todo-frontend:9")], verdict.Missing);
        Assert.False(verdict.AllPresent);
        Assert.Equal("node worker-1 lacks todo-frontend:9; node worker-2 lacks todo-frontend:9", verdict.Describe());
    }

    [Fact]
    public void Every_image_a_node_lacks_is_named_and_each_is_loaded_again_once_whatever_the_number_of_nodes()
    {
        var cluster = new ClusterIdentity(ClusterKind.Minikube, "demo", "demo", null);
        var transport = ImageTransport.For(cluster, registry: null, "docker")!;
        var verdict = NodeImages.Check(["todo-backend:2", "todo-frontend:2"], [Status("demo"), Status("demo-m02")]);

        Assert.Equal("node demo lacks todo-backend:2, todo-frontend:2; node demo-m02 lacks todo-backend:2, todo-frontend:2", verdict.Describe());
        Assert.Equal(
            "node demo lacks todo-backend:2, todo-frontend:2; node demo-m02 lacks todo-backend:2, todo-frontend:2: the nodes' status "
            + "still does not list them after MinikubeImageLoad. With pullPolicy Never the pods could only fail with ErrImageNeverPull. "
            + "Check the load command's output above, that it went to this cluster (minikube (profile 'demo')), and load them again: "
            + "`minikube image load todo-backend:2 -p demo`; `minikube image load todo-frontend:2 -p demo`. "
            + "See the runtime's list with `minikube -p demo image ls`.",
            NodeImages.MissingStory(verdict, transport, ImageListSource.NodeStatus));
    }

    [Fact]
    public void Missing_arguments_are_refused()
    {
        var transport = ImageTransport.For(new ClusterIdentity(ClusterKind.Kind, "kind-todo", "todo", null), null, "docker")!;
        var verdict = NodeImages.Check([], [Status("n")]);

        Assert.True(verdict.AllPresent);
        Assert.Equal("every node has the images", verdict.Describe());
        Assert.Throws<ArgumentNullException>(() => NodeImages.Check(null!, []));
        Assert.Throws<ArgumentNullException>(() => NodeImages.Check([], null!));
        Assert.Throws<ArgumentException>(() => NodeImages.Qualify(" "));
        Assert.Throws<ArgumentNullException>(() => NodeImages.MissingStory(null!, transport, ImageListSource.Runtime));
        Assert.Throws<ArgumentNullException>(() => NodeImages.MissingStory(verdict, null!, ImageListSource.Runtime));
    }
}
