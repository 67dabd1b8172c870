using k8s.Models;

namespace Cluster;

public enum RolloutState
{
    RolledOut,
    Progressing,
    Failed,
}

/// <summary>Where one workload's rollout stands. <paramref name="Ready"/>/<paramref name="Desired"/> feed the live
/// progress line; <paramref name="Reason"/> says what is awaited or what went wrong.</summary>
public sealed record WorkloadRollout(string Kind, string Name, RolloutState State, int Ready, int Desired, string Reason)
{
    public string ProgressText => $"{Kind.ToLowerInvariant()}/{Name} {Ready}/{Desired} ready"
        + (State == RolloutState.RolledOut ? "" : $" ({Reason})");
}

/// <summary>The rules <c>kubectl rollout status</c> applies, as pure functions of a workload's spec and status, plus
/// the failure conditions the controllers report (a passed progress deadline, a replica failure).</summary>
public static class RolloutStatus
{
    public static WorkloadRollout Evaluate(V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var name = deployment.Metadata?.Name ?? "?";
        var desired = deployment.Spec?.Replicas ?? 1;
        var status = deployment.Status ?? new V1DeploymentStatus();
        var ready = status.ReadyReplicas ?? 0;
        var updated = status.UpdatedReplicas ?? 0;
        var available = status.AvailableReplicas ?? 0;
        var total = status.Replicas ?? 0;

        WorkloadRollout Result(RolloutState state, string reason) => new("Deployment", name, state, ready, desired, reason);

        if ((deployment.Metadata?.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return Result(RolloutState.Progressing, "waiting for the controller to observe the new spec");
        }

        var conditions = status.Conditions ?? [];
        var progressing = conditions.FirstOrDefault(c => c.Type == "Progressing");
        if (progressing?.Reason == "ProgressDeadlineExceeded")
        {
            return Result(RolloutState.Failed, $"exceeded its progress deadline: {progressing.Message}");
        }

        var replicaFailure = conditions.FirstOrDefault(c => c.Type == "ReplicaFailure" && c.Status == "True");
        if (replicaFailure is not null)
        {
            return Result(RolloutState.Failed, $"{replicaFailure.Reason}: {replicaFailure.Message}");
        }

        if (updated < desired)
        {
            return Result(RolloutState.Progressing, $"{updated} of {desired} updated replicas created");
        }

        if (total > updated)
        {
            return Result(RolloutState.Progressing, $"{total - updated} old replicas pending termination");
        }

        if (available < updated)
        {
            return Result(RolloutState.Progressing, $"{available} of {updated} updated replicas available");
        }

        return Result(RolloutState.RolledOut, "rolled out");
    }

    public static WorkloadRollout Evaluate(V1StatefulSet statefulSet)
    {
        ArgumentNullException.ThrowIfNull(statefulSet);
        var name = statefulSet.Metadata?.Name ?? "?";
        var desired = statefulSet.Spec?.Replicas ?? 1;
        var status = statefulSet.Status ?? new V1StatefulSetStatus();
        var ready = status.ReadyReplicas ?? 0;
        var updated = status.UpdatedReplicas ?? 0;

        WorkloadRollout Result(RolloutState state, string reason) => new("StatefulSet", name, state, ready, desired, reason);

        var observed = status.ObservedGeneration ?? 0;
        if (observed == 0 || (statefulSet.Metadata?.Generation ?? 0) > observed)
        {
            return Result(RolloutState.Progressing, "waiting for the controller to observe the new spec");
        }

        if (ready < desired)
        {
            return Result(RolloutState.Progressing, $"waiting for {desired - ready} pods to be ready");
        }

        var strategy = statefulSet.Spec?.UpdateStrategy;
        if (strategy?.Type == "OnDelete")
        {
            // Pods are replaced only when someone deletes them; all ready is all there is to wait for.
            return Result(RolloutState.RolledOut, "rolled out");
        }

        var partition = strategy?.RollingUpdate?.Partition ?? 0;
        if (partition > 0)
        {
            var expected = Math.Max(0, desired - partition);
            return updated < expected
                ? Result(RolloutState.Progressing, $"{updated} of {expected} new pods of the partitioned rollout updated")
                : Result(RolloutState.RolledOut, "partitioned rollout finished");
        }

        if (!string.IsNullOrEmpty(status.UpdateRevision) && status.UpdateRevision != status.CurrentRevision)
        {
            return Result(RolloutState.Progressing, $"{updated} of {desired} pods at revision {status.UpdateRevision}");
        }

        return Result(RolloutState.RolledOut, "rolled out");
    }

    /// <summary>The release as a whole: failed if any workload failed, rolled out when all are (and there is at least
    /// one: an empty list means the watch has not seen the workloads yet).</summary>
    public static RolloutState Overall(IReadOnlyCollection<WorkloadRollout> workloads)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        if (workloads.Any(w => w.State == RolloutState.Failed))
        {
            return RolloutState.Failed;
        }

        return workloads.Count > 0 && workloads.All(w => w.State == RolloutState.RolledOut)
            ? RolloutState.RolledOut
            : RolloutState.Progressing;
    }
}
