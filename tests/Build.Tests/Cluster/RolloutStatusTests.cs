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
    public void A_replica_failure_the_controller_has_cleared_does_not_fail_the_deployment()
    {
        // The deployment controller sets ReplicaFailure to False once pods can be created again (pkg/controller/deployment/sync.go).
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "todo-frontend", Generation = 1 },
            Spec = new V1DeploymentSpec { Replicas = 1 },
            Status = new V1DeploymentStatus
            {
                ObservedGeneration = 1,
                Replicas = 1,
                UpdatedReplicas = 1,
                ReadyReplicas = 1,
                AvailableReplicas = 1,
                Conditions = [new V1DeploymentCondition { Type = "ReplicaFailure", Status = "False", Reason = "FailedCreate", Message = "exceeded quota: pods" }],
            },
        };

        Assert.Equal(RolloutState.RolledOut, RolloutStatus.Evaluate(deployment).State);
    }

    [Fact]
    public void A_workload_just_created_has_no_status_yet_and_is_waited_for()
    {
        var deployment = RolloutStatus.Evaluate(new V1Deployment { Metadata = new V1ObjectMeta { Name = "todo-backend", Generation = 1 } });
        var statefulSet = RolloutStatus.Evaluate(new V1StatefulSet { Metadata = new V1ObjectMeta { Name = "todo-postgresql", Generation = 1 } });

        Assert.Equal(new WorkloadRollout("Deployment", "todo-backend", RolloutState.Progressing, 0, 1, "waiting for the controller to observe the new spec"), deployment);
        Assert.Equal(new WorkloadRollout("StatefulSet", "todo-postgresql", RolloutState.Progressing, 0, 1, "waiting for the controller to observe the new spec"), statefulSet);
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

    // generation, observed, desired, ready, updated, strategy, partition, currentRevision, updateRevision.
    // The rules of kubectl's StatefulSetStatusViewer (kubernetes/kubectl pkg/polymorphichelpers/rollout_status.go):
    // not done while observedGeneration is 0 or below metadata.generation (the controller has not seen the new spec,
    // so its status still describes the old one), then while fewer pods are ready than spec.replicas, then (with a
    // partition) until replicas - partition pods are updated, else until updateRevision equals currentRevision.
    [Theory]
    [InlineData(1, 0, 1, 0, 0, "RollingUpdate", 0, "r1", "r1", RolloutState.Progressing, "waiting for the controller to observe the new spec")]
    [InlineData(3, 2, 1, 1, 1, "RollingUpdate", 0, "r2", "r2", RolloutState.Progressing, "waiting for the controller to observe the new spec")]
    [InlineData(3, 2, 1, 1, 1, "OnDelete", 0, "r2", "r2", RolloutState.Progressing, "waiting for the controller to observe the new spec")]
    [InlineData(2, 3, 1, 1, 1, "RollingUpdate", 0, "r2", "r2", RolloutState.RolledOut, "rolled out")]
    [InlineData(2, 2, 3, 1, 3, "RollingUpdate", 0, "r2", "r2", RolloutState.Progressing, "waiting for 2 pods to be ready")]
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
