using Cluster;
using Helm;

namespace Build.Tests.Helm;

public class HelmCommandsTests
{
    static HelmInstallRequest Request(int helmMajor, string? profile = "charts/todo-app/ci/minikube-values.yaml") =>
        new("todo", "charts/todo-app", "todo", "minikube", profile, "artifacts/cluster/values.generated.yaml", TimeSpan.FromSeconds(299.5), helmMajor);

    [Fact]
    public void Helm_4_installs_with_rollback_on_failure_and_the_watcher_wait()
    {
        Assert.Equal(
            "upgrade --install todo charts/todo-app --namespace todo --kube-context minikube "
            + "--values charts/todo-app/ci/minikube-values.yaml --values artifacts/cluster/values.generated.yaml "
            + "--rollback-on-failure --wait=watcher --timeout 300s",
            string.Join(' ', HelmCommands.UpgradeInstall(Request(4))));
    }

    [Fact]
    public void Helm_set_values_come_after_every_values_file_so_they_win_as_the_rehearsal_applies_them()
    {
        var request = Request(4) with { Settings = new Dictionary<string, string> { ["faults.selftestFails"] = "true", ["backend.replicas"] = "3" } };

        var arguments = string.Join(' ', HelmCommands.UpgradeInstall(request));

        Assert.Contains("--values artifacts/cluster/values.generated.yaml --set backend.replicas=3 --set faults.selftestFails=true --rollback-on-failure", arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Helm_3_installs_with_atomic_and_wait()
    {
        var arguments = HelmCommands.UpgradeInstall(Request(3, profile: null));

        Assert.Equal(
            "upgrade --install todo charts/todo-app --namespace todo --kube-context minikube "
            + "--values artifacts/cluster/values.generated.yaml --atomic --wait --timeout 300s",
            string.Join(' ', arguments));
    }

    [Theory]
    [InlineData("v4.2.3+g43e8b7f", 4)]
    [InlineData("v3.18.0+g1a2b3c4\n", 3)]
    [InlineData("3.8.1", 3)]
    public void The_major_version_comes_from_helm_version_short(string output, int major) =>
        Assert.Equal(major, HelmCommands.MajorVersion(output));

    [Fact]
    public void An_unreadable_version_is_an_error_not_a_guess() =>
        Assert.Throws<FormatException>(() => HelmCommands.MajorVersion("Error: unknown command"));

    [Fact]
    public void Test_and_uninstall_name_release_namespace_and_context()
    {
        Assert.Equal("test todo --namespace apps --kube-context kind-ci --logs --timeout 120s",
            string.Join(' ', HelmCommands.Test("todo", "apps", "kind-ci", TimeSpan.FromMinutes(2))));
        Assert.Equal("uninstall todo --namespace apps --kube-context kind-ci --wait --timeout 120s",
            string.Join(' ', HelmCommands.Uninstall("todo", "apps", "kind-ci", TimeSpan.FromMinutes(2))));
    }

    [Theory]
    [InlineData(3, ClusterKind.Minikube, false)]
    [InlineData(3, ClusterKind.Kind, false)]
    [InlineData(3, ClusterKind.K3d, true)]
    [InlineData(3, ClusterKind.DockerDesktop, true)]
    [InlineData(3, ClusterKind.Other, true)]
    [InlineData(4, ClusterKind.Minikube, true)]
    [InlineData(4, ClusterKind.Kind, true)]
    public void Helm_3_waits_for_a_load_balancer_only_where_a_controller_gives_it_an_address(int helmMajor, ClusterKind cluster, bool helmWaits)
    {
        var plan = HelmWaitPlan.Decide(helmMajor, cluster, ["todo-frontend"]);

        Assert.Equal(helmWaits, plan.HelmWaits);
        Assert.Equal(helmWaits, plan.Reason is null);
    }

    [Fact]
    public void Without_a_load_balancer_service_helm_3_waits_on_every_cluster() =>
        Assert.True(HelmWaitPlan.Decide(3, ClusterKind.Kind, []).HelmWaits);

    [Fact]
    public void The_production_like_profile_on_minikube_with_helm_3_installs_without_wait_or_atomic()
    {
        var plan = HelmWaitPlan.Decide(3, ClusterKind.Minikube, ["todo-frontend"]);
        var request = Request(3, "charts/todo-app/ci/production-like-values.yaml") with { HelmWaits = plan.HelmWaits };

        Assert.Equal(
            "upgrade --install todo charts/todo-app --namespace todo --kube-context minikube "
            + "--values charts/todo-app/ci/production-like-values.yaml --values artifacts/cluster/values.generated.yaml --timeout 300s",
            string.Join(' ', HelmCommands.UpgradeInstall(request)));
        Assert.Equal("Service todo-frontend is of type LoadBalancer, and Helm 3's --wait waits for its load-balancer address, which "
            + "minikube gives one an address only while `minikube tunnel` runs; so helm installs without --wait/--atomic, the build "
            + "watches the rollout itself and rolls back on failure (Helm 4's --wait does not have this problem)", plan.Reason);
    }

    [Fact]
    public void A_failed_rollout_the_build_waited_for_is_undone_as_atomic_would()
    {
        Assert.Equal("rollback todo --namespace todo --kube-context kind-todo --timeout 300s",
            string.Join(' ', HelmCommands.UndoFailedInstall("todo", "todo", "kind-todo", releaseExistedBefore: true, TimeSpan.FromMinutes(5))));
        Assert.Equal("uninstall todo --namespace todo --kube-context kind-todo --timeout 300s",
            string.Join(' ', HelmCommands.UndoFailedInstall("todo", "todo", "kind-todo", releaseExistedBefore: false, TimeSpan.FromMinutes(5))));
    }
}
