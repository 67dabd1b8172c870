using Cluster;

namespace Build.Tests.Cluster;

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
}
