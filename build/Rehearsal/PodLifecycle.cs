using System.Diagnostics;
using Engine;
using Images;
using k8s.Models;

namespace Rehearsal;

/// <summary>A pod whose main container passed its startup and readiness probes.</summary>
/// <param name="ContainerName">Its main container's docker name.</param>
/// <param name="PublishedPorts">Container port → host port on 127.0.0.1.</param>
/// <param name="ReadyAfter">From the first <c>docker run</c> of the pod (init containers included) to Ready.</param>
public sealed record ReadyPod(PodPlan Pod, string ContainerName, IReadOnlyDictionary<int, int> PublishedPorts, TimeSpan ReadyAfter);

/// <summary>
/// Runs one pod the way the kubelet does: its init containers one after another, each to a zero exit, then its main
/// container; then the startup probe until it passes, then readiness and liveness. Rules where the rehearsal must decide
/// sooner than a cluster would (it cannot wait for <c>progressDeadlineSeconds</c>):
/// <list type="bullet">
/// <item>a startup or liveness probe failing <c>failureThreshold</c> times in a row fails the pod (the kubelet would kill
/// the container and restart it into CrashLoopBackOff);</item>
/// <item>a readiness probe failing <c>failureThreshold</c> times in a row after startup fails the pod (the rollout, with
/// <c>maxUnavailable: 0</c>, would never progress);</item>
/// <item>a main container that exits fails the pod (CrashLoopBackOff).</item>
/// </list>
/// Every failure names the pod and shows its container's last log lines, as Diagnose prints them.
/// </summary>
public sealed class PodLifecycle(Docker docker, RehearsalPlan plan, RehearsalRun run, Action<string> started)
{
    const int LogLines = 50;

    public async Task<ReadyPod> StartAsync(PodPlan pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var clock = Stopwatch.StartNew();
        foreach (var init in pod.Spec.InitContainers ?? [])
        {
            var name = await RunContainerAsync(pod, init, isInit: true, cancellationToken);
            var exit = await DockerAsync(["wait", name], cancellationToken, TimeSpan.FromMinutes(5));
            var code = int.Parse(exit.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (code != 0)
                throw await FailureAsync(pod, name, $"init container {init.Name} exited with {code} (Init:Error)", cancellationToken);
            Log.Info("{0}: init container {1} completed in {2:F1} s", pod.Name, init.Name, clock.Elapsed.TotalSeconds);
        }

        var main = pod.Spec.Containers.Count == 1
            ? pod.Spec.Containers[0]
            : throw new RehearsalException(
                $"{pod} has {pod.Spec.Containers.Count} containers; the rehearsal runs pods with one main container (containers of a pod "
                    + $"share a network namespace, which it does not model)");
        var container = await RunContainerAsync(pod, main, isInit: false, cancellationToken);
        var ports = ContainerProbe.ParsePublishedPorts(await DockerAsync(["port", container], cancellationToken));
        await ProbeUntilReadyAsync(pod, main, container, ports, cancellationToken);
        Log.Success("{0}: Ready {1:F1} s after its first container started", pod.Name, clock.Elapsed.TotalSeconds);
        return new ReadyPod(pod, container, ports, clock.Elapsed);
    }

    /// <summary>A <c>helm test</c> pod: run to completion; passes when its container exits 0. Its output is printed.</summary>
    public async Task<(int ExitCode, string Output)> RunToCompletionAsync(PodPlan pod, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var main = pod.Spec.Containers.Single();
        var name = await RunContainerAsync(pod, main, isInit: false, cancellationToken);
        var exit = await DockerAsync(["wait", name], cancellationToken, timeout);
        return (int.Parse(exit.Trim(), System.Globalization.CultureInfo.InvariantCulture), (await docker.LogsAsync(name, cancellationToken))
            .TrimEnd());
    }

    async Task<string> RunContainerAsync(PodPlan pod, V1Container container, bool isInit, CancellationToken cancellationToken)
    {
        var command = DockerRunCommand.For(pod, container, isInit, plan, run);
        foreach (var file in command.Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file.HostPath)!);
            await File.WriteAllTextAsync(file.HostPath, file.Content, cancellationToken);
        }

        started(command.Name);
        await docker.RunAsync(command.Arguments, cancellationToken, environment: command.Environment);
        return command.Name;
    }

    async Task ProbeUntilReadyAsync(PodPlan pod, V1Container main, string container, IReadOnlyDictionary<int, int> ports,
        CancellationToken cancellationToken)
    {
        if (main.StartupProbe is { } startup)
            await PassAsync(pod, container, "startup", startup, main, ports, cancellationToken);
        if (main.LivenessProbe is { } liveness)
            await PassAsync(pod, container, "liveness", liveness, main, ports, cancellationToken);
        if (main.ReadinessProbe is { } readiness)
            await PassAsync(pod, container, "readiness", readiness, main, ports, cancellationToken);
    }

    /// <summary>Probes at the probe's period until it passes once; fails after <c>failureThreshold</c> failures in a row,
    /// or at once when the container exited.</summary>
    async Task PassAsync(PodPlan pod, string container, string kind, V1Probe probe, V1Container main, IReadOnlyDictionary<int, int> ports,
        CancellationToken cancellationToken)
    {
        var (period, _, threshold, initialDelay) = ContainerProbe.Timing(probe);
        await Task.Delay(TimeSpan.FromSeconds(initialDelay), cancellationToken);
        for (var failures = 0; ;)
        {
            if (await ExitedAsync(container, cancellationToken) is { } exitCode)
                throw await FailureAsync(pod, container,
                    $"container {main.Name} exited with {exitCode} before it was Ready (CrashLoopBackOff)", cancellationToken);
            var problem = await ContainerProbe.RunAsync(docker, probe, main, container, ports, cancellationToken);
            if (problem is null)
                return;
            if (++failures >= threshold)
            {
                var consequence = kind == "readiness"
                    ? "it never becomes Ready, so the rollout would never complete"
                    : "the kubelet would kill and restart it (CrashLoopBackOff)";
                throw await FailureAsync(pod, container, $"{kind} probe failed {failures} times in a row ({problem}): {consequence}",
                    cancellationToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(period), cancellationToken);
        }
    }

    async Task<int?> ExitedAsync(string container, CancellationToken cancellationToken)
    {
        var state = await DockerAsync(["inspect", "--format", "{{.State.Running}} {{.State.ExitCode}}", container], cancellationToken);
        var parts = state.Trim().Split(' ');
        return parts[0] == "true" ? null : int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    async Task<RehearsalException> FailureAsync(PodPlan pod, string container, string what, CancellationToken cancellationToken)
    {
        var logs = await docker.RunAsync(
            ["logs", "--tail", LogLines.ToString(System.Globalization.CultureInfo.InvariantCulture), container], cancellationToken,
                allowFailure: true);
        var lines = (logs.StandardOutput + logs.StandardError).TrimEnd();
        return new RehearsalException(
            $"{pod}: {what}. Last {LogLines} log lines of {container}:\n{(lines.Length > 0 ? lines : "(no output)")}");
    }

    async Task<string> DockerAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        (await docker.RunAsync(arguments, cancellationToken, timeout: timeout)).StandardOutput;
}
