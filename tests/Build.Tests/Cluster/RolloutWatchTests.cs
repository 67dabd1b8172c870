using Cluster;
using k8s.Models;

namespace Build.Tests.Cluster;

/// <summary>The rollout watch against <see cref="FakeApiServer"/>: the JSON watch stream as the API server sends it.
/// Only a real cluster proves that controllers fill in the status fields this way and in this order.</summary>
public class RolloutWatchTests
{
    const string Deployments = "/apis/apps/v1/namespaces/todo/deployments";
    const string StatefulSets = "/apis/apps/v1/namespaces/todo/statefulsets";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // The watch selects the release by its instance label, as the chart labels every object.
    static readonly Dictionary<string, string> Release = new() { ["app.kubernetes.io/instance"] = "todo" };

    [Fact]
    public async Task Progress_is_reported_per_workload_and_the_release_is_ready_once_applied_and_all_rolled_out()
    {
        await using var server = await FakeApiServer.StartAsync();
        var watch = new RolloutWatch(server.Client(), "todo", "app.kubernetes.io/instance=todo");
        var released = new TaskCompletionSource();
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(Patience);

        var waiting = watch.WaitAsync(released.Task, picture =>
        {
            lock (lines)
            {
                lines.Add(string.Join(", ", picture.Select(w => w.ProgressText)));
            }
        }, timeout.Token);

        server.Emit(Deployments, "ADDED", Deployment("todo-backend", ready: 0));
        server.Emit(StatefulSets, "ADDED", StatefulSet("todo-postgresql", ready: 0));
        server.Emit(StatefulSets, "MODIFIED", StatefulSet("todo-postgresql", ready: 1));
        server.Emit(Deployments, "MODIFIED", Deployment("todo-backend", ready: 1));
        server.Emit(Deployments, "MODIFIED", Deployment("todo-backend", ready: 2));
        await WaitUntil(() => watch.Workloads.Count == 2 && watch.Workloads.All(w => w.State == RolloutState.RolledOut), timeout.Token);

        Assert.False(waiting.IsCompleted, "all rolled out, but helm has not returned: more workloads may still come");
        released.SetResult();

        Assert.Equal(RolloutState.RolledOut, await waiting);
        Assert.Contains("deployment/todo-backend 1/2 ready (1 of 2 updated replicas available)", lines.SelectMany(l => l.Split(", ")));
        Assert.Equal("deployment/todo-backend 2/2 ready, statefulset/todo-postgresql 1/1 ready", lines[^1]);
        Assert.Contains(server.Requests, r => r.StartsWith(Deployments, StringComparison.Ordinal)
            && r.Contains("watch=true", StringComparison.Ordinal)
            && r.Contains("labelSelector=app.kubernetes.io%2Finstance%3Dtodo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deployment_past_its_progress_deadline_fails_the_wait_at_once()
    {
        await using var server = await FakeApiServer.StartAsync();
        var watch = new RolloutWatch(server.Client(), "todo", "app.kubernetes.io/instance=todo");
        using var timeout = new CancellationTokenSource(Patience);
        var stuck = Deployment("todo-frontend", ready: 0);
        stuck.Status.Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = "ProgressDeadlineExceeded", Message = "timed out" }];

        var waiting = watch.WaitAsync(new TaskCompletionSource().Task, _ => { }, timeout.Token);
        server.Emit(Deployments, "ADDED", stuck);

        Assert.Equal(RolloutState.Failed, await waiting);
        Assert.Equal("exceeded its progress deadline: timed out", watch.Workloads.Single().Reason);
    }

    [Fact]
    public async Task Where_helm_does_not_wait_the_deploy_timeout_ends_an_unfinished_rollout_as_progressing()
    {
        await using var server = await FakeApiServer.StartAsync();
        var watch = new RolloutWatch(server.Client(), "todo", "app.kubernetes.io/instance=todo");
        using var timeout = new CancellationTokenSource(Patience);
        server.Emit(Deployments, "ADDED", Deployment("todo-frontend", ready: 1));

        // helm without --wait returns as soon as the release is applied; the pods are still starting.
        var state = await watch.WaitAsync(Task.CompletedTask, _ => { }, TimeSpan.FromMilliseconds(500), timeout.Token);

        Assert.Equal(RolloutState.Progressing, state);
        Assert.Equal("1/2", $"{watch.Workloads.Single().Ready}/{watch.Workloads.Single().Desired}");
    }

    [Fact]
    public async Task A_watch_the_server_ends_is_reopened_and_later_events_still_count()
    {
        await using var server = await FakeApiServer.StartAsync();
        var watch = new RolloutWatch(server.Client(), "todo", "app.kubernetes.io/instance=todo");
        using var timeout = new CancellationTokenSource(Patience);

        var waiting = watch.WaitAsync(Task.CompletedTask, _ => { }, timeout.Token);
        server.Emit(Deployments, "ADDED", Deployment("todo-backend", ready: 0));
        server.CloseWatch(Deployments);
        server.Emit(Deployments, "ADDED", Deployment("todo-backend", ready: 2));

        Assert.Equal(RolloutState.RolledOut, await waiting);
        Assert.True(server.Requests.Count(r => r.StartsWith(Deployments, StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public async Task Once_released_a_workload_whose_event_has_not_arrived_yet_still_holds_the_wait()
    {
        await using var server = await FakeApiServer.StartAsync();
        var watch = new RolloutWatch(server.Client(), "todo", "app.kubernetes.io/instance=todo");
        using var timeout = new CancellationTokenSource(Patience);

        // The watch has shown only a ready backend; the list taken once released also has the database, not ready.
        server.Emit(Deployments, "ADDED", Deployment("todo-backend", ready: 2));
        server.Store(StatefulSets, "ADDED", StatefulSet("todo-postgresql", ready: 0));
        var waiting = watch.WaitAsync(Task.CompletedTask, _ => { }, timeout.Token);
        await WaitUntil(() => watch.Workloads.Count == 2, timeout.Token);
        await Task.Delay(200, timeout.Token);

        Assert.False(waiting.IsCompleted);
        Assert.Contains(watch.Workloads, w => w.Name == "todo-postgresql" && w.State == RolloutState.Progressing);
        await timeout.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task A_deleted_workload_no_longer_holds_the_release_back()
    {
        await using var server = await FakeApiServer.StartAsync();
        var watch = new RolloutWatch(server.Client(), "todo", "app.kubernetes.io/instance=todo");
        using var timeout = new CancellationTokenSource(Patience);

        var released = new TaskCompletionSource();

        var waiting = watch.WaitAsync(released.Task, _ => { }, timeout.Token);
        server.Emit(Deployments, "ADDED", Deployment("todo-backend", ready: 2));
        server.Emit(Deployments, "ADDED", Deployment("todo-old", ready: 0));
        await WaitUntil(() => watch.Workloads.Count == 2, timeout.Token);
        server.Emit(Deployments, "DELETED", Deployment("todo-old", ready: 0));
        await WaitUntil(() => watch.Workloads.Count == 1, timeout.Token);
        released.SetResult();

        Assert.Equal(RolloutState.RolledOut, await waiting);
        Assert.Equal(["todo-backend"], watch.Workloads.Select(w => w.Name));
    }

    static V1Deployment Deployment(string name, int ready) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "todo", Generation = 1, Labels = Release },
        Spec = new V1DeploymentSpec { Replicas = 2, Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() },
        Status = new V1DeploymentStatus { ObservedGeneration = 1, Replicas = 2, UpdatedReplicas = 2, ReadyReplicas = ready, AvailableReplicas = ready },
    };

    static V1StatefulSet StatefulSet(string name, int ready) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "todo", Generation = 1, Labels = Release },
        Spec = new V1StatefulSetSpec { Replicas = 1, Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() },
        Status = new V1StatefulSetStatus { ObservedGeneration = 1, Replicas = 1, ReadyReplicas = ready, UpdatedReplicas = 1, CurrentRevision = "r1", UpdateRevision = "r1" },
    };

    static async Task WaitUntil(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
