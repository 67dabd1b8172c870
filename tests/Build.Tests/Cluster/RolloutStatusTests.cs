using Cluster;
using k8s.Models;

namespace Build.Tests.Cluster;

public class RolloutStatusTests
{
    // generation, observedGeneration, replicas(spec), status: replicas, updated, ready, available, progressing reason
    [Theory]
    [InlineData(2, 1, 2, 2, 2, 2, 2, null, RolloutState.Progressing, "waiting for the controller to observe the new spec")]
    [InlineData(1, 1, 2, 1, 1, 0, 0, null, RolloutState.Progressing, "1 of 2 updated replicas created")]
    [InlineData(1, 1, 2, 3, 2, 2, 2, null, RolloutState.Progressing, "1 old replicas pending termination")]
    [InlineData(1, 1, 2, 2, 2, 1, 1, null, RolloutState.Progressing, "1 of 2 updated replicas available")]
    [InlineData(1, 1, 2, 2, 2, 2, 2, "NewReplicaSetAvailable", RolloutState.RolledOut, "rolled out")]
    [InlineData(1, 1, 0, 0, 0, 0, 0, null, RolloutState.RolledOut, "rolled out")]
    [InlineData(1, 1, 2, 2, 2, 0, 0, "ProgressDeadlineExceeded", RolloutState.Failed, "exceeded its progress deadline: ReplicaSet \"todo-backend-5d9\" has timed out progressing.")]
    public void A_deployment_is_judged_as_kubectl_rollout_status_does(
        long generation, long observed, int desired, int replicas, int updated, int ready, int available,
        string? progressingReason, RolloutState state, string reason)
    {
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "todo-backend", Generation = generation },
            Spec = new V1DeploymentSpec { Replicas = desired },
            Status = new V1DeploymentStatus
            {
                ObservedGeneration = observed,
                Replicas = replicas,
                UpdatedReplicas = updated,
                ReadyReplicas = ready,
                AvailableReplicas = available,
                Conditions = progressingReason is null ? null :
                [
                    new V1DeploymentCondition
                    {
                        Type = "Progressing",
                        Status = progressingReason == "ProgressDeadlineExceeded" ? "False" : "True",
                        Reason = progressingReason,
                        Message = "ReplicaSet \"todo-backend-5d9\" has timed out progressing.",
                    },
                ],
            },
        };

        var rollout = RolloutStatus.Evaluate(deployment);

        Assert.Equal(state, rollout.State);
        Assert.Equal(reason, rollout.Reason);
        Assert.Equal(ready, rollout.Ready);
        Assert.Equal(desired, rollout.Desired);
    }

    [Fact]
    public void A_replica_failure_such_as_an_exceeded_quota_fails_the_deployment()
    {
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "todo-frontend", Generation = 1 },
            Spec = new V1DeploymentSpec { Replicas = 2 },
            Status = new V1DeploymentStatus
            {
                ObservedGeneration = 1,
                Conditions = [new V1DeploymentCondition { Type = "ReplicaFailure", Status = "True", Reason = "FailedCreate", Message = "exceeded quota: pods" }],
            },
        };

        var rollout = RolloutStatus.Evaluate(deployment);

        Assert.Equal(RolloutState.Failed, rollout.State);
        Assert.Equal("FailedCreate: exceeded quota: pods", rollout.Reason);
    }

    // generation, observed, desired, ready, updated, strategy, partition, currentRevision, updateRevision
    [Theory]
    [InlineData(1, 0, 1, 0, 0, "RollingUpdate", 0, "r1", "r1", RolloutState.Progressing, "waiting for the controller to observe the new spec")]
    [InlineData(1, 1, 1, 0, 0, "RollingUpdate", 0, "r1", "r1", RolloutState.Progressing, "waiting for 1 pods to be ready")]
    [InlineData(2, 2, 3, 3, 1, "RollingUpdate", 0, "r1", "r2", RolloutState.Progressing, "1 of 3 pods at revision r2")]
    [InlineData(2, 2, 3, 3, 3, "RollingUpdate", 0, "r2", "r2", RolloutState.RolledOut, "rolled out")]
    [InlineData(2, 2, 3, 3, 0, "RollingUpdate", 2, "r1", "r2", RolloutState.Progressing, "0 of 1 new pods of the partitioned rollout updated")]
    [InlineData(2, 2, 3, 3, 1, "RollingUpdate", 2, "r1", "r2", RolloutState.RolledOut, "partitioned rollout finished")]
    [InlineData(2, 2, 1, 1, 0, "OnDelete", 0, "r1", "r2", RolloutState.RolledOut, "rolled out")]
    public void A_statefulset_is_judged_as_kubectl_rollout_status_does(
        long generation, long observed, int desired, int ready, int updated, string strategy, int partition,
        string currentRevision, string updateRevision, RolloutState state, string reason)
    {
        var statefulSet = new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "todo-postgresql", Generation = generation },
            Spec = new V1StatefulSetSpec
            {
                Replicas = desired,
                UpdateStrategy = new V1StatefulSetUpdateStrategy
                {
                    Type = strategy,
                    RollingUpdate = partition == 0 ? null : new V1RollingUpdateStatefulSetStrategy { Partition = partition },
                },
            },
            Status = new V1StatefulSetStatus
            {
                ObservedGeneration = observed,
                ReadyReplicas = ready,
                UpdatedReplicas = updated,
                CurrentRevision = currentRevision,
                UpdateRevision = updateRevision,
            },
        };

        var rollout = RolloutStatus.Evaluate(statefulSet);

        Assert.Equal(state, rollout.State);
        Assert.Equal(reason, rollout.Reason);
    }

    [Fact]
    public void The_release_is_rolled_out_only_when_every_workload_is_and_fails_when_any_fails()
    {
        WorkloadRollout W(RolloutState s) => new("Deployment", "x", s, 0, 1, "");

        Assert.Equal(RolloutState.Progressing, RolloutStatus.Overall([]));
        Assert.Equal(RolloutState.RolledOut, RolloutStatus.Overall([W(RolloutState.RolledOut), W(RolloutState.RolledOut)]));
        Assert.Equal(RolloutState.Progressing, RolloutStatus.Overall([W(RolloutState.RolledOut), W(RolloutState.Progressing)]));
        Assert.Equal(RolloutState.Failed, RolloutStatus.Overall([W(RolloutState.Progressing), W(RolloutState.Failed)]));
    }

    [Fact]
    public void The_progress_line_shows_ready_pods_per_workload_and_what_is_awaited()
    {
        Assert.Equal("deployment/todo-backend 1/2 ready (1 of 2 updated replicas available)",
            new WorkloadRollout("Deployment", "todo-backend", RolloutState.Progressing, 1, 2, "1 of 2 updated replicas available").ProgressText);
        Assert.Equal("statefulset/todo-postgresql 1/1 ready",
            new WorkloadRollout("StatefulSet", "todo-postgresql", RolloutState.RolledOut, 1, 1, "rolled out").ProgressText);
    }
}
