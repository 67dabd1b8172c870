using Cluster;

namespace Build.Tests.Cluster;

/// <summary>The smoke route's explanations and edges, beside the route table in <see cref="ClusterDecisionsTests"/>.</summary>
public class SmokeRouteTests
{
    [Theory]
    [InlineData(ClusterKind.Kind, "Kind")]
    [InlineData(null, "unknown")]
    public void A_node_port_asked_for_on_another_cluster_goes_through_a_port_forward_and_says_why(ClusterKind? kind, string named)
    {
        var (route, problem) = SmokeRoute.Decide(null, deployedThisRun: true, kubeContextGiven: false, nodePortRequested: true, kind);

        Assert.Equal(SmokeRouteKind.PortForward, route);
        Assert.Equal("--smoke-via-node-port applies to minikube only (its profile opens NodePort 30080); "
            + $"this cluster is {named}, so the smoke suite goes through a port-forward instead.", problem);
    }

    [Theory]
    [InlineData("docker", "docker")]
    [InlineData("Docker", "Docker")]
    [InlineData("PODMAN", "PODMAN")]
    [InlineData(null, "unknown")]
    public void An_unreachable_minikube_node_is_explained_with_its_driver_and_the_tunnel_taken(string? driver, string named)
    {
        var (route, problem) = SmokeRoute.Decide(null, deployedThisRun: false, kubeContextGiven: true, nodePortRequested: true,
            ClusterKind.Minikube, HostPlatform.MacOS, driver);

        Assert.Equal(SmokeRouteKind.MinikubeServiceUrl, route);
        Assert.Equal($"minikube's {named} driver on MacOS puts the node behind Docker Desktop's VM, so its IP is not reachable "
            + "from here; the smoke suite goes through the tunnel `minikube service --url` opens.", problem);
    }

    [Fact]
    public void A_blank_base_url_is_no_url_and_without_a_deploy_or_context_nothing_goes_to_the_cluster()
    {
        Assert.Equal((SmokeRouteKind.PortForward, (string?)null), SmokeRoute.Decide("  ", true, false, false, ClusterKind.Kind));
        Assert.Equal((SmokeRouteKind.NotCluster, (string?)null), SmokeRoute.Decide(null, false, false, true, ClusterKind.Minikube));
    }

    [Fact]
    public void The_host_is_linux_here_and_wsl_where_wsl_names_its_distribution()
    {
        // WSL sets WSL_DISTRO_NAME in the processes of a distribution; the test restores whatever this host has.
        var before = Environment.GetEnvironmentVariable("WSL_DISTRO_NAME");
        try
        {
            Environment.SetEnvironmentVariable("WSL_DISTRO_NAME", null);
            Assert.Equal(HostPlatform.Linux, SmokeRoute.CurrentHost());
            Environment.SetEnvironmentVariable("WSL_DISTRO_NAME", "Ubuntu-24.04");
            Assert.Equal(HostPlatform.Wsl, SmokeRoute.CurrentHost());
        }
        finally
        {
            Environment.SetEnvironmentVariable("WSL_DISTRO_NAME", before);
        }
    }

    [Fact]
    public void A_node_port_url_needs_a_node_ip() =>
        Assert.Throws<ArgumentException>(() => SmokeRoute.NodePortUrl(" \n", 30080));
}
