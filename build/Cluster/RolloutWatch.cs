using k8s;
using k8s.Models;

namespace Cluster;

/// <summary>Watches every Deployment and StatefulSet matching a label selector (list with <c>watch=true</c>, which
/// first replays the current objects as ADDED events, then streams changes) and reports each workload's rollout as it
/// changes. Finishes when the release has been applied and every workload is rolled out, or fails as soon as one of
/// them fails.</summary>
public sealed class RolloutWatch(IKubernetes client, string ns, string labelSelector)
{
    readonly Dictionary<string, WorkloadRollout> workloads = new(StringComparer.Ordinal);
    readonly Lock gate = new();
    bool snapshotTaken;

    /// <summary>The latest rollout of each workload seen so far.</summary>
    public IReadOnlyList<WorkloadRollout> Workloads
    {
        get
        {
            lock (gate)
            {
                return [.. workloads.Values.OrderBy(w => w.Kind, StringComparer.Ordinal).ThenBy(w => w.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <param name="released">Completes when the release's objects all exist (helm has returned); before that an
    /// all-ready picture may simply be missing workloads not created yet.</param>
    /// <param name="onChange">Called with the whole picture whenever a workload's rollout changes.</param>
    public async Task<RolloutState> WaitAsync(Task released, Action<IReadOnlyList<WorkloadRollout>> onChange,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(released);
        ArgumentNullException.ThrowIfNull(onChange);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var settled = new TaskCompletionSource<RolloutState>(TaskCreationOptions.RunContinuationsAsynchronously);

        void Update(string key, WorkloadRollout? rollout)
        {
            IReadOnlyList<WorkloadRollout> picture;
            lock (gate)
            {
                if (rollout is null)
                {
                    workloads.Remove(key);
                }
                else if (workloads.TryGetValue(key, out var previous) && previous == rollout)
                {
                    return;
                }
                else
                {
                    workloads[key] = rollout;
                }

                picture = [.. workloads.Values];
            }

            onChange(Workloads);
            Settle(picture);
        }

        void Settle(IReadOnlyList<WorkloadRollout> picture)
        {
            var overall = RolloutStatus.Overall(picture);
            if (overall == RolloutState.Failed || (overall == RolloutState.RolledOut && Volatile.Read(ref snapshotTaken)))
            {
                settled.TrySetResult(overall);
            }
        }

        var deployments = WatchForeverAsync<V1Deployment>(
            "Deployment",
            onError => client.AppsV1.WatchListNamespacedDeploymentAsync(ns, labelSelector: labelSelector, onError: onError,
                cancellationToken: stop.Token),
            d => RolloutStatus.Evaluate(d), Update, stop.Token);
        var statefulSets = WatchForeverAsync<V1StatefulSet>(
            "StatefulSet",
            onError => client.AppsV1.WatchListNamespacedStatefulSetAsync(ns, labelSelector: labelSelector, onError: onError,
                cancellationToken: stop.Token),
            s => RolloutStatus.Evaluate(s), Update, stop.Token);

        // Watch events arrive one object at a time, so a picture built from them alone may lack a workload whose
        // event is still on its way. Once the release is applied, one list of each kind gives the complete picture;
        // only from then on may "all rolled out" end the wait.
        var snapshot = SnapshotAfterAsync(released, picture =>
        {
            lock (gate)
            {
                workloads.Clear();
                foreach (var rollout in picture)
                {
                    workloads[$"{rollout.Kind}/{rollout.Name}"] = rollout;
                }
            }

            Volatile.Write(ref snapshotTaken, true);
            onChange(Workloads);
            Settle(Workloads);
        }, stop.Token);

        var watchFailure = Task.WhenAny(deployments, statefulSets, snapshot).Unwrap();
        var first = await Task.WhenAny(settled.Task, watchFailure, Task.Delay(Timeout.Infinite, cancellationToken));
        await stop.CancelAsync();
        if (first == watchFailure)
        {
            await watchFailure; // surfaces the API error
        }

        cancellationToken.ThrowIfCancellationRequested();
        await Quietly(deployments);
        await Quietly(statefulSets);
        await Quietly(snapshot);
        return await settled.Task;
    }

    /// <summary><see cref="WaitAsync(Task, Action{IReadOnlyList{WorkloadRollout}}, CancellationToken)"/> that gives up
    /// after <paramref name="deadline"/> with <see cref="RolloutState.Progressing"/>: where helm does not wait for
    /// the release (<see cref="HelmWaitPlan"/>), the deploy timeout is the build's to keep.</summary>
    public async Task<RolloutState> WaitAsync(
        Task released, Action<IReadOnlyList<WorkloadRollout>> onChange, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            return await WaitAsync(released, onChange, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RolloutState.Progressing;
        }
    }

    async Task SnapshotAfterAsync(Task released, Action<IReadOnlyList<WorkloadRollout>> apply, CancellationToken cancellationToken)
    {
        await released.WaitAsync(cancellationToken);
        var deployments = await client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: labelSelector,
            cancellationToken: cancellationToken);
        var statefulSets = await client.AppsV1.ListNamespacedStatefulSetAsync(ns, labelSelector: labelSelector,
            cancellationToken: cancellationToken);
        apply([.. deployments.Items.Select(RolloutStatus.Evaluate), .. statefulSets.Items.Select(RolloutStatus.Evaluate)]);

        // Stays pending like the watches, so that only a failure of it ends the wait early.
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>Keeps one watch open: the API server ends a watch after its timeout (minutes), and a watch that ends
    /// without being asked to is simply opened again.</summary>
    static async Task WatchForeverAsync<TObject>(
        string kind,
        Func<Action<Exception>, IAsyncEnumerable<(WatchEventType Type, TObject Item)>> open,
        Func<TObject, WorkloadRollout> evaluate,
        Action<string, WorkloadRollout?> update,
        CancellationToken cancellationToken)
        where TObject : IKubernetesObject<V1ObjectMeta>
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Exception? streamError = null;
            await foreach (var (type, item) in open(e => streamError = e).WithCancellation(cancellationToken))
            {
                var key = $"{kind}/{item.Metadata?.Name}";
                switch (type)
                {
                    case WatchEventType.Added or WatchEventType.Modified:
                        update(key, evaluate(item));
                        break;
                    case WatchEventType.Deleted:
                        update(key, null);
                        break;
                    default:
                        // Bookmarks carry no object state; errors end this watch and the loop reopens it.
                        break;
                }
            }

            if (streamError is not null and not OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"The watch on {typeof(TObject).Name} failed: {streamError.Message}", streamError);
            }
        }
    }

    /// <summary>Awaits a watch that was told to stop; how it ends (cancelled, connection aborted) no longer matters.</summary>
    static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
        }
    }
}
