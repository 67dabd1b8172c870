using Cluster;

namespace Build.Tests.Cluster;

/// <summary>The Requires check of the cluster stages: a version call through KubernetesClient. Against the fake API
/// server it proves the call and the kubeconfig handling; a real server's TLS and credentials are not exercised.</summary>
public class ClusterAccessTests
{
    [Fact]
    public async Task An_api_server_that_answers_its_version_satisfies_the_requirement()
    {
        await using var server = await FakeApiServer.StartAsync();
        var kubeconfig = WriteKubeconfig("kind-todo", server.Url.ToString());
        try
        {
            var access = new ClusterAccess(() => null, () => null, kubeconfig);

            var remedy = await access.CheckApiServerAsync(CancellationToken.None);
            Assert.True(remedy is null, remedy);
            Assert.Equal(ClusterKind.Kind, access.Identity.Kind);
            Assert.Contains(server.Requests, r => r.StartsWith("/version", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task With_no_cluster_behind_the_context_the_remedy_says_how_to_get_one()
    {
        var kubeconfig = WriteKubeconfig("minikube", "http://127.0.0.1:1/");
        try
        {
            var remedy = await new ClusterAccess(() => null, () => null, kubeconfig).CheckApiServerAsync(CancellationToken.None);

            Assert.NotNull(remedy);
            Assert.StartsWith("The Kubernetes API server of context 'minikube' (http://127.0.0.1:1/) does not answer:", remedy, StringComparison.Ordinal);
            Assert.Contains("`minikube start -p minikube`", remedy, StringComparison.Ordinal);
            Assert.Contains("kind create cluster", remedy, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task The_remedy_is_given_once_per_run_however_many_targets_require_the_api_server()
    {
        var access = new ClusterAccess(() => null, () => null, "/nonexistent/config");

        Assert.NotNull(await access.ApiServerAnswers.Check(CancellationToken.None));
        Assert.Null(await access.ApiServerAnswers.Check(CancellationToken.None));
        Assert.Null(await access.ImagesCanReachCluster.Check(CancellationToken.None));
    }

    [Fact]
    public async Task A_context_in_the_second_file_of_a_KUBECONFIG_list_reaches_its_api_server()
    {
        await using var server = await FakeApiServer.StartAsync();
        var first = WriteKubeconfig("minikube", "http://127.0.0.1:1/");
        var second = WriteKubeconfig("kind-todo", server.Url.ToString());
        try
        {
            var access = new ClusterAccess(() => "kind-todo", () => null, string.Join(Path.PathSeparator, first, second));

            var remedy = await access.CheckApiServerAsync(CancellationToken.None);
            Assert.True(remedy is null, remedy);
            Assert.Contains(server.Requests, r => r.StartsWith("/version", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    [Fact]
    public async Task Without_any_kubeconfig_the_remedy_says_how_to_get_a_cluster() =>
        Assert.Contains("`minikube start`",
            await new ClusterAccess(() => null, () => null, "/nonexistent/config").CheckApiServerAsync(CancellationToken.None),
            StringComparison.Ordinal);

    static string WriteKubeconfig(string name, string server)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: {name}
            clusters:
            - cluster:
                server: {server}
              name: {name}
            contexts:
            - context:
                cluster: {name}
                user: {name}
              name: {name}
            users:
            - name: {name}
              user:
                token: not-a-real-token
            """);
        return path;
    }
}
