using Cluster;
using k8s.Models;

namespace Build.Tests.Cluster;

public class DiagnosticsReportTests
{
    [Fact]
    public void A_crash_looping_container_shows_its_restarts_last_termination_and_waiting_reason()
    {
        var pod = Pod("todo-backend-7c9-abcde", "Running", new V1ContainerStatus
        {
            Name = "backend",
            Ready = false,
            RestartCount = 4,
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff", Message = "back-off 1m20s" } },
            LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { Reason = "Error", ExitCode = 134 } },
        });

        var diagnosis = PodDiagnosis.From(pod);

        Assert.True(diagnosis.IsFailing);
        Assert.Equal(4, diagnosis.Restarts);
        var container = Assert.Single(diagnosis.Containers);
        Assert.Equal("waiting: CrashLoopBackOff (back-off 1m20s)", container.State);
        Assert.Equal("Error (exit 134)", container.LastTermination);
    }

    [Theory]
    [InlineData("ErrImageNeverPull", "waiting: ErrImageNeverPull")]
    [InlineData("ImagePullBackOff", "waiting: ImagePullBackOff")]
    [InlineData("CreateContainerConfigError", "waiting: CreateContainerConfigError")]
    public void A_container_that_never_started_says_why(string reason, string state)
    {
        var pod = Pod("todo-frontend-1", "Pending", new V1ContainerStatus
        {
            Name = "frontend",
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason } },
        });

        var diagnosis = PodDiagnosis.From(pod);

        Assert.True(diagnosis.IsFailing);
        Assert.Equal(state, diagnosis.Containers.Single().State);
    }

    [Fact]
    public void A_healthy_running_pod_is_not_failing()
    {
        var pod = Pod("todo-frontend-2", "Running", new V1ContainerStatus
        {
            Name = "frontend",
            Ready = true,
            State = new V1ContainerState { Running = new V1ContainerStateRunning() },
        });

        Assert.False(PodDiagnosis.From(pod).IsFailing);
    }

    [Fact]
    public void An_unfinished_init_container_and_an_unschedulable_pod_are_reported()
    {
        var pod = Pod("todo-backend-9", "Pending");
        pod.Status.InitContainerStatuses =
        [
            new V1ContainerStatus
            {
                Name = "migrate",
                RestartCount = 2,
                State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
                LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { Reason = "Error", ExitCode = 1 } },
            },
        ];
        pod.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = "0/1 nodes are available: 1 Insufficient memory." }];

        var diagnosis = PodDiagnosis.From(pod);

        Assert.Contains(diagnosis.Containers, c => c.Name == "init:migrate" && c.LastTermination == "Error (exit 1)");
        Assert.Contains(diagnosis.Containers, c => c.Name == "backend" && c.State == "not started");
        Assert.Equal("Unschedulable: 0/1 nodes are available: 1 Insufficient memory.", diagnosis.Reason);
    }

    [Fact]
    public void The_report_is_a_readable_table_with_events_and_the_logs_of_failing_containers()
    {
        PodDiagnosis[] pods =
        [
            new("todo-frontend-6d8-x2", "Running", [new("frontend", true, 0, "running", null)], null),
            new("todo-backend-7c9-ab", "Running", [new("backend", false, 3, "waiting: CrashLoopBackOff", "Error (exit 134)")], null),
        ];
        WarningEvent[] events =
        [
            new(new DateTimeOffset(2026, 11, 24, 1, 2, 3, TimeSpan.Zero), "pod/todo-backend-7c9-ab", "BackOff", "Back-off restarting failed container", 7),
            new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero), "pod/todo-backend-7c9-ab", "Unhealthy", "Readiness probe failed: 503", 1),
        ];
        ContainerLog[] logs = [new("todo-backend-7c9-ab", "backend", true, ["starting", "Unhandled exception: no DATABASE_URL"])];

        var report = DiagnosticsReport.Format("todo", "todo", pods, events, logs);

        Assert.Equal(
            """
            Release 'todo' in namespace 'todo'

            POD                   PHASE    READY  RESTARTS  LAST TERMINATION  WHY NOT READY
            todo-backend-7c9-ab   Running  0/1    3         Error (exit 134)  backend: waiting: CrashLoopBackOff
            todo-frontend-6d8-x2  Running  1/1    0         -                 -

            Recent Warning events (2 of 2):
            LAST SEEN  OBJECT                   REASON     MESSAGE
            01:00:00   pod/todo-backend-7c9-ab  Unhealthy  Readiness probe failed: 503
            01:02:03   pod/todo-backend-7c9-ab  BackOff    Back-off restarting failed container (x7)

            --- logs of todo-backend-7c9-ab/backend (previous instance, the one that stopped, last 2 lines) ---
              starting
              Unhandled exception: no DATABASE_URL

            """.ReplaceLineEndings("\n"),
            report.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Only_the_last_fifty_log_lines_and_twenty_events_are_shown()
    {
        var lines = Enumerable.Range(1, 80).Select(i => $"line {i}").ToList();
        var events = Enumerable.Range(1, 30)
            .Select(i => new WarningEvent(DateTimeOffset.UnixEpoch.AddMinutes(i), "pod/p", $"R{i}", "m", 1)).ToList();

        var report = DiagnosticsReport.Format("ns", "rel", [], events, [new("p", "c", false, lines)]);

        Assert.Contains("No pods of the release exist", report, StringComparison.Ordinal);
        Assert.Contains("Recent Warning events (20 of 30):", report, StringComparison.Ordinal);
        Assert.DoesNotContain(" R10 ", report, StringComparison.Ordinal);
        Assert.Contains(" R11 ", report, StringComparison.Ordinal);
        Assert.DoesNotContain("line 30\n", report, StringComparison.Ordinal);
        Assert.Contains("  line 31\n", report, StringComparison.Ordinal);
        Assert.Contains("  line 80\n", report, StringComparison.Ordinal);
    }

    static V1Pod Pod(string name, string phase, params V1ContainerStatus[] statuses) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = statuses.FirstOrDefault()?.Name ?? "backend" }] },
        Status = new V1PodStatus { Phase = phase, ContainerStatuses = statuses },
    };
}
