using Cluster;
using k8s.Models;

namespace Chart.Tests;

/// <summary>Which rendered profiles Helm 3's --wait could never finish on a local cluster without a load-balancer
/// controller (see <see cref="HelmWaitPlan"/>), decided from the Services the profile really renders, as HelmInstall
/// decides it.</summary>
public sealed class HelmWaitTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Theory]
    [InlineData("production-like", 3, ClusterKind.Kind, false)]
    [InlineData("production-like", 3, ClusterKind.Minikube, false)]
    [InlineData("production-like", 4, ClusterKind.Kind, true)]
    [InlineData("production-like", 3, ClusterKind.K3d, true)]
    [InlineData("kind", 3, ClusterKind.Kind, true)]
    [InlineData("minikube", 3, ClusterKind.Minikube, true)]
    public async Task Helm_waits_unless_helm_3_would_wait_for_a_load_balancer_address_that_never_comes(
        string profile, int helmMajor, ClusterKind cluster, bool helmWaits)
    {
        var manifest = await chart.RenderProfileAsync(profile);
        var loadBalancers = HelmWaitPlan.LoadBalancerServices(manifest.OfType<V1Service>());

        Assert.Equal(helmWaits, HelmWaitPlan.Decide(helmMajor, cluster, loadBalancers).HelmWaits);
        Assert.Equal(profile == "production-like" ? ["todo-frontend"] : [], loadBalancers);
    }
}
