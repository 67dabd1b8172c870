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

    [Fact]
    public void Images_loaded_into_containerd_count_as_present_under_their_qualified_names()
    {
        var verdict = NodeImages.Check(
            ["todo-backend:1.2.0-3f2a9c1", "todo-frontend:1.2.0-77b0e2d"],
            [new("kind-control-plane", ["docker.io/library/todo-backend:1.2.0-3f2a9c1", "docker.io/library/todo-frontend:1.2.0-77b0e2d", "registry.k8s.io/pause:3.10"])]);

        Assert.True(verdict.AllPresent);
    }

    [Fact]
    public void An_image_missing_from_one_node_is_reported_with_that_node()
    {
        var verdict = NodeImages.Check(
            ["todo-backend:2", "todo-frontend:2"],
            [
                new("worker-1", ["docker.io/library/todo-backend:2", "docker.io/library/todo-frontend:2"]),
                new("worker-2", ["docker.io/library/todo-backend:1", "docker.io/library/todo-frontend:2"]),
            ]);

        Assert.False(verdict.AllPresent);
        Assert.Equal("node worker-2 lacks todo-backend:2", verdict.Describe());
    }

    [Fact]
    public void A_node_whose_list_is_cut_at_the_kubelet_limit_proves_nothing_about_absence()
    {
        var full = Enumerable.Range(0, NodeImages.KubeletReportLimit).Select(i => $"big/image-{i}:1").ToList();

        var verdict = NodeImages.Check(["todo-backend:2"], [new("busy", full)]);

        Assert.True(verdict.AllPresent);
        Assert.Equal(["busy"], verdict.InconclusiveNodes);
    }

    [Fact]
    public void A_cluster_without_nodes_is_a_problem_not_a_pass()
    {
        var verdict = NodeImages.Check(["todo-backend:2"], []);

        Assert.False(verdict.AllPresent);
        Assert.Equal("The cluster reports no nodes.", verdict.Describe());
    }
}
