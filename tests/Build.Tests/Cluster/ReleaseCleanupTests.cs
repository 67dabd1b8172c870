using Cluster;
using k8s.Models;

namespace Build.Tests.Cluster;

/// <summary>Undeploy after <c>helm uninstall</c>, against <see cref="FakeApiServer"/>. What is left in the fake is
/// what Helm documents it leaves: the resources a hook created (here the <c>helm.sh/hook: test</c> pod, kept by its
/// <c>before-hook-creation</c> delete policy), because hooks are not part of the release's manifest.</summary>
public class ReleaseCleanupTests
{
    const string Pods = "/api/v1/namespaces/todo/pods";

    [Fact]
    public async Task The_helm_test_pod_left_by_uninstall_is_deleted_and_undeploy_then_finds_nothing_left()
    {
        await using var server = await FakeApiServer.StartAsync();
        var client = server.Client();
        server.Store(Pods, "ADDED", HookPod("todo-selftest", release: "todo"));
        server.Store(Pods, "ADDED", HookPod("other-selftest", release: "other"));

        // What Undeploy judged before it removed hooks: the pod is reported, so Undeploy failed after every Deploy.
        var before = ReleaseRemnants.Judge(
            await ReleaseRemnants.ListAsync(client, "todo", "app.kubernetes.io/instance=todo", ReleaseSecret.DefaultName, CancellationToken.None), dataDeleted: false);
        Assert.Equal((false, "1 objects of the release are still there: pod/todo-selftest (helm hook)"), before);

        var log = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var cleanup = ReleaseCleanup.RunAsync(client, "todo", "todo", deleteData: false, TimeSpan.FromSeconds(20), line =>
        {
            lock (log)
            {
                log.Add(line);
            }

            // The kubelet ends the pod's graceful termination while Undeploy waits.
            if (line.StartsWith("waiting", StringComparison.Ordinal))
            {
                server.FinishPodTerminations();
            }
        }, timeout.Token);

        Assert.Equal((true, "nothing of the release is left"), await cleanup);
        Assert.Equal([$"{Pods}/todo-selftest"], server.Deletions);
        Assert.Equal("deleted what the chart's hooks created (helm uninstall never does): pod/todo-selftest (test)", log[0]);
        Assert.Equal("waiting: 1 objects of the release are still there: pod/todo-selftest (helm hook, terminating)", log[1]);
        Assert.Contains(server.Requests, r => r.StartsWith("/api/v1/namespaces/todo/pods?", StringComparison.Ordinal)
            && r.Contains("labelSelector=app.kubernetes.io%2Finstance%3Dtodo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hook_pod_that_never_terminates_makes_undeploy_fail_naming_it()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.Store(Pods, "ADDED", HookPod("todo-selftest", release: "todo"));

        var (clean, report) = await ReleaseCleanup.RunAsync(server.Client(), "todo", "todo", deleteData: false,
            TimeSpan.FromSeconds(1), _ => { }, CancellationToken.None);

        Assert.False(clean);
        Assert.Equal("1 objects of the release are still there: pod/todo-selftest (helm hook, terminating)", report);
    }

    [Fact]
    public void Only_objects_of_the_release_annotated_as_hooks_are_the_builds_to_delete()
    {
        (string, V1ObjectMeta)[] candidates =
        [
            ("Pod", HookPod("todo-selftest", "todo").Metadata),
            ("Pod", HookPod("other-selftest", "other").Metadata),
            ("Pod", new V1ObjectMeta { Name = "todo-backend-7c9d", Labels = new Dictionary<string, string> { ["app.kubernetes.io/instance"] = "todo" } }),
            ("Job", new V1ObjectMeta
            {
                Name = "todo-migrate",
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/instance"] = "todo" },
                Annotations = new Dictionary<string, string> { ["helm.sh/hook"] = "pre-upgrade,pre-install" },
            }),
            ("ConfigMap", new V1ObjectMeta { Name = "unlabelled", Annotations = new Dictionary<string, string> { ["helm.sh/hook"] = "test" } }),
        ];

        Assert.Equal(
            [new HookObject("Pod", "todo-selftest", "test"), new HookObject("Job", "todo-migrate", "pre-upgrade,pre-install")],
            ReleaseHooks.Of("todo", candidates));
    }

    [Fact]
    public void A_hook_left_behind_is_named_as_one_in_the_undeploy_report()
    {
        var (clean, report) = ReleaseRemnants.Judge([new Remnant("Pod", "todo-selftest", Terminating: false, Hook: true)], dataDeleted: true);

        Assert.False(clean);
        Assert.Equal("1 objects of the release are still there: pod/todo-selftest (helm hook)", report);
    }

    // The chart's test pod as helm creates it: the release's labels and the hook annotations (templates/tests/selftest.yaml).
    static V1Pod HookPod(string name, string release) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "todo",
            Labels = new Dictionary<string, string>
            {
                ["app.kubernetes.io/instance"] = release,
                ["app.kubernetes.io/component"] = "selftest",
            },
            Annotations = new Dictionary<string, string>
            {
                ["helm.sh/hook"] = "test",
                ["helm.sh/hook-delete-policy"] = "before-hook-creation",
            },
        },
        Status = new V1PodStatus { Phase = "Succeeded" },
    };
}
