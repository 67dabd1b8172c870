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
}
