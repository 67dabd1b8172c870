using k8s.Models;

namespace Cluster;

/// <summary>What a person debugging a failed deploy wants to know about one container.</summary>
public sealed record ContainerDiagnosis(
    string Name,
    bool Ready,
    int Restarts,
    string State,
    string? LastTermination)
{
    /// <summary>Worth showing logs for: not ready, restarting, or waiting/terminated for a reason.</summary>
    public bool IsFailing => !Ready || Restarts > 0 || LastTermination is not null;
}

/// <summary>One pod: phase, readiness, restarts and, per container, its state and last termination.</summary>
public sealed record PodDiagnosis(string Name, string Phase, IReadOnlyList<ContainerDiagnosis> Containers, string? Reason)
{
    public int ReadyCount => Containers.Count(c => c.Ready);

    public int Restarts => Containers.Sum(c => c.Restarts);

    public bool IsFailing => Phase != "Succeeded" && (Phase != "Running" || Containers.Any(c => c.IsFailing));

    public static PodDiagnosis From(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var statuses = pod.Status?.ContainerStatuses ?? [];
        var specNames = pod.Spec?.Containers?.Select(c => c.Name).ToList() ?? [];
        var containers = new List<ContainerDiagnosis>();
        foreach (var name in specNames.Union(statuses.Select(s => s.Name)))
        {
            var status = statuses.FirstOrDefault(s => s.Name == name);
            containers.Add(status is null
                ? new ContainerDiagnosis(name, false, 0, "not started", null)
                : new ContainerDiagnosis(name, status.Ready, status.RestartCount, StateOf(status.State),
                    Termination(status.LastState?.Terminated)));
        }

        // Init containers that have not finished hold the whole pod back (the chart migrates the database in one).
        foreach (var init in pod.Status?.InitContainerStatuses ?? [])
        {
            var finished = init.State?.Terminated?.ExitCode == 0;
            if (!finished)
            {
                containers.Add(new ContainerDiagnosis($"init:{init.Name}", false, init.RestartCount, StateOf(init.State),
                    Termination(init.LastState?.Terminated)));
            }
        }

        var unschedulable = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False");
        var reason = pod.Status?.Reason ?? (unschedulable is null ? null : $"{unschedulable.Reason}: {unschedulable.Message}");
        return new PodDiagnosis(pod.Metadata?.Name ?? "?", pod.Status?.Phase ?? "Unknown", containers, reason);
    }

    static string StateOf(V1ContainerState? state) => state switch
    {
        { Running: not null } => "running",
        { Waiting: { } waiting } => $"waiting: {waiting.Reason}"
            + (string.IsNullOrWhiteSpace(waiting.Message) ? "" : $" ({waiting.Message})"),
        { Terminated: { } terminated } => $"terminated: {Termination(terminated)}",
        _ => "unknown",
    };

    static string? Termination(V1ContainerStateTerminated? terminated) =>
        terminated is null ? null : $"{terminated.Reason ?? "Terminated"} (exit {terminated.ExitCode})";
}

/// <summary>A Warning event, reduced to what the table shows.</summary>
public sealed record WarningEvent(DateTimeOffset? LastSeen, string InvolvedObject, string Reason, string Message, int Count)
{
    public static WarningEvent From(Corev1Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var when = e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp;
        return new WarningEvent(
            when is null ? null : new DateTimeOffset(DateTime.SpecifyKind(when.Value, DateTimeKind.Utc)),
            $"{e.InvolvedObject?.Kind?.ToLowerInvariant()}/{e.InvolvedObject?.Name}",
            e.Reason ?? "",
            e.Message ?? "",
            e.Count ?? 1);
    }
}

/// <summary>The last lines one container wrote; <paramref name="Previous"/> when they come from the instance that
/// crashed rather than the one running now.</summary>
public sealed record ContainerLog(string Pod, string Container, bool Previous, IReadOnlyList<string> Lines);
