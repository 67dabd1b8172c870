using System.Globalization;
using k8s.Models;

namespace Rehearsal;

/// <summary>Where and under which labels the rehearsal's containers run.</summary>
/// <param name="RunId">Labels every container and volume, so teardown finds them all.</param>
/// <param name="Network">The docker network standing in for the cluster network.</param>
/// <param name="FilesDirectory">Where ConfigMap and Secret volumes are written as files, one folder per pod and volume.</param>
public sealed record RehearsalRun(string RunId, string Network, string FilesDirectory)
{
    public const string RunLabel = "todo.local-run";
    public const string PodLabel = "todo.local-run.pod";

    public string ContainerName(PodPlan pod, V1Container container) => $"{pod.Name}-{container.Name}-{RunId}";
}

/// <summary>A file a ConfigMap or Secret volume puts in a container, written before the container starts.</summary>
public sealed record ProjectedFile(string HostPath, string Content);

/// <summary>One container as <c>docker run</c> arguments, the environment <c>docker</c> itself needs (secret values,
/// passed by name only on the command line) and the files to write first.</summary>
public sealed record DockerRunCommand(string Name, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment,
    IReadOnlyList<ProjectedFile> Files)
{
    /// <summary>
    /// Translates one container of a rendered pod into <c>docker run</c>, field by field, as a kubelet with a
    /// container runtime would apply it (the list of fields is in docs/rehearsal.md). A field that would change how the
    /// container runs and has no translation fails here, naming the field, instead of being dropped.
    /// </summary>
    public static DockerRunCommand For(PodPlan pod, V1Container container, bool isInit, RehearsalPlan plan, RehearsalRun run)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(run);
        var environment = ContainerEnvironment.Resolve(pod, container, plan);
        var name = run.ContainerName(pod, container);
        var arguments = new List<string>
        {
            "run", "--detach", "--name", name, "--hostname", pod.Name,
            "--label", $"{RehearsalRun.RunLabel}={run.RunId}", "--label", $"{RehearsalRun.PodLabel}={pod.Name}",
            "--network", run.Network,
        };
        if (!isInit)
        {
            foreach (var service in pod.ServiceNames)
                arguments.AddRange(["--network-alias", service]);
            // Loopback only, on a port the kernel picks: probes and the smoke suite reach the pod there.
            foreach (var port in container.Ports ?? [])
                arguments.AddRange(["--publish", $"127.0.0.1::{port.ContainerPort}"]);
        }

        // The rehearsal never pulls: this machine may have no registry, and a node with pullPolicy Never must already
        // hold the image. Whether each image is present is checked before any container starts.
        arguments.AddRange(["--pull", "never"]);
        arguments.AddRange(Security(pod, container));
        arguments.AddRange(Resources(container));
        if (pod.Spec.TerminationGracePeriodSeconds is { } grace)
            arguments.AddRange(["--stop-timeout", Invariant(grace)]);
        if (container.WorkingDir is { Length: > 0 } workingDirectory)
            arguments.AddRange(["--workdir", workingDirectory]);

        var files = new List<ProjectedFile>();
        foreach (var mount in container.VolumeMounts ?? [])
            arguments.AddRange(Mount(pod, container, mount, plan, run, files));

        foreach (var (variable, value) in environment.Plain.OrderBy(e => e.Key, StringComparer.Ordinal))
            arguments.AddRange(["--env", $"{variable}={value}"]);
        foreach (var variable in environment.Secret.Keys.Order(StringComparer.Ordinal))
            arguments.AddRange(["--env", variable]);

        // Kubernetes' command replaces the image's ENTRYPOINT and args its CMD; docker takes the entrypoint's first word
        // with --entrypoint and the rest of the command line after the image.
        var command = container.Command ?? [];
        if (command.Count > 0)
            arguments.AddRange(["--entrypoint", command[0]]);
        arguments.Add(container.Image);
        arguments.AddRange(command.Skip(1));
        arguments.AddRange(container.Args ?? []);
        return new DockerRunCommand(name, arguments,
            environment.Secret.ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal), files);
    }

    static IEnumerable<string> Security(PodPlan pod, V1Container container)
    {
        var podContext = pod.Spec.SecurityContext;
        var context = container.SecurityContext;
        var user = context?.RunAsUser ?? podContext?.RunAsUser;
        var group = context?.RunAsGroup ?? podContext?.RunAsGroup;
        var nonRoot = context?.RunAsNonRoot ?? podContext?.RunAsNonRoot;
        if (nonRoot == true && user == 0)
            throw new RehearsalException(
                $"{pod}: container {container.Name} would not start — CreateContainerConfigError: runAsNonRoot is set and runAsUser is 0");
        if (user is { } uid)
        {
            yield return "--user";
            yield return group is { } gid ? $"{uid}:{gid}" : Invariant(uid);
        }

        var groups = (podContext?.SupplementalGroups ?? []).OfType<long>().ToList();
        if (podContext?.FsGroup is { } fsGroup)
            groups.Add(fsGroup);
        foreach (var extra in groups)
        {
            yield return "--group-add";
            yield return Invariant(extra);
        }

        if (context?.ReadOnlyRootFilesystem == true)
            yield return "--read-only";
        if (context?.Privileged == true)
            yield return "--privileged";
        if (context?.AllowPrivilegeEscalation == false)
        {
            yield return "--security-opt";
            yield return "no-new-privileges";
        }

        foreach (var capability in context?.Capabilities?.Drop ?? [])
        {
            yield return "--cap-drop";
            yield return capability;
        }

        foreach (var capability in context?.Capabilities?.Add ?? [])
        {
            yield return "--cap-add";
            yield return capability;
        }

        switch ((context?.SeccompProfile ?? podContext?.SeccompProfile)?.Type)
        {
            case null or "RuntimeDefault":
                break; // docker's default profile is the runtime default
            case "Unconfined":
                yield return "--security-opt";
                yield return "seccomp=unconfined";
                break;
            case var other:
                throw new RehearsalException($"{pod}: container {container.Name}: seccompProfile type {other} is not rehearsed");
        }
    }

    /// <summary>Limits as cgroup limits, the way the kubelet sets them: memory in bytes, CPU as a quota of cores; a CPU
    /// request as cpu shares (millicores × 1024 / 1000) and a memory request as a soft reservation.</summary>
    static IEnumerable<string> Resources(V1Container container)
    {
        var limits = container.Resources?.Limits;
        var requests = container.Resources?.Requests;
        if (limits?.TryGetValue("memory", out var memory) == true)
            yield return $"--memory={Invariant((long)memory.ToDecimal())}";
        if (limits?.TryGetValue("cpu", out var cpu) == true)
            yield return $"--cpus={cpu.ToDecimal().ToString(CultureInfo.InvariantCulture)}";
        if (requests?.TryGetValue("memory", out var memoryRequest) == true)
            yield return $"--memory-reservation={Invariant((long)memoryRequest.ToDecimal())}";
        if (requests?.TryGetValue("cpu", out var cpuRequest) == true)
            yield return $"--cpu-shares={Invariant(Math.Max(2, (long)(cpuRequest.ToDecimal() * 1024)))}";
    }

    static IEnumerable<string> Mount(PodPlan pod, V1Container container, V1VolumeMount mount, RehearsalPlan plan, RehearsalRun run,
        List<ProjectedFile> files)
    {
        var volume = (pod.Spec.Volumes ?? []).FirstOrDefault(v => v.Name == mount.Name);
        var readOnly = mount.ReadOnlyProperty == true ? ",readonly" : "";
        if (volume is null && pod.Claims.TryGetValue(mount.Name, out var claimVolume))
            return ["--mount", $"type=volume,source={claimVolume},target={mount.MountPath}{readOnly}"];
        if (mount.SubPath is { Length: > 0 })
            throw new RehearsalException(
                $"{pod}: container {container.Name}: volumeMount {mount.Name} uses subPath, which the rehearsal does not honour");
        switch (volume)
        {
            case { EmptyDir: { } emptyDir }:
                // An emptyDir is writable by every user of the pod (mode 0777 on a node); a tmpfs of its size limit here.
                var size = emptyDir.SizeLimit is { } limit ? $",size={Invariant((long)limit.ToDecimal())}" : "";
                return ["--tmpfs", $"{mount.MountPath}:rw,exec,nosuid,nodev,mode=1777{size}"];
            case { ConfigMap: { } source }:
                return Projected(pod, mount, run, files, source.Items, ConfigMapData(pod, container, source.Name, source.Optional, plan));
            case { Secret: { } source }:
                return Projected(pod, mount, run, files, source.Items,
                    SecretData(pod, container, source.SecretName, source.Optional, plan));
            case { PersistentVolumeClaim: { } claim }:
                return ["--mount", $"type=volume,source={run.RunId}-{claim.ClaimName},target={mount.MountPath}{readOnly}"];
            case null:
                throw new RehearsalException(
                    $"{pod}: container {container.Name} mounts volume {mount.Name}, which the pod does not declare");
            default:
                throw new RehearsalException(
                    $"{pod}: volume {volume.Name} is of a kind the rehearsal does not honour (emptyDir, configMap, secret and "
                        + $"persistentVolumeClaim are)");
        }
    }

    /// <summary>A ConfigMap or Secret volume: its keys (or the items it names) as files in a folder of the run, bind-mounted
    /// read-only like the kubelet's projection.</summary>
    static IEnumerable<string> Projected(PodPlan pod, V1VolumeMount mount, RehearsalRun run, List<ProjectedFile> files,
        IList<V1KeyToPath>? items,
        IReadOnlyDictionary<string, string> data)
    {
        var directory = Path.Combine(run.FilesDirectory, pod.Name, mount.Name);
        var selected = items is { Count: > 0 }
            ? items.Select(item
                => (Path: item.Path, Content: data.TryGetValue(item.Key, out var value) ? value
                    : throw new RehearsalException($"{pod}: volume {mount.Name} names key {item.Key}, which its source does not have")))
            : data.Select(entry => (Path: entry.Key, Content: entry.Value));
        files.AddRange(selected.Select(file => new ProjectedFile(Path.Combine(directory, file.Path), file.Content)));
        return ["--mount", $"type=bind,source={directory},target={mount.MountPath},readonly"];
    }

    static Dictionary<string, string> ConfigMapData(PodPlan pod, V1Container container, string name, bool? optional, RehearsalPlan plan) =>
        plan.ConfigMaps.TryGetValue(name, out var configMap)
            ? (configMap.Data ?? new Dictionary<string, string>()).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal)
            : optional == true ? new Dictionary<string, string>()
                : throw new RehearsalException($"{pod}: container {container.Name} would not start — configmap \"{name}\" not found");

    static IReadOnlyDictionary<string,
        string> SecretData(PodPlan pod, V1Container container, string name, bool? optional, RehearsalPlan plan) =>
        plan.Secrets.TryGetValue(name, out var secret)
            ? ContainerEnvironment.SecretData(secret)
            : optional == true ? new Dictionary<string, string>()
                : throw new RehearsalException($"{pod}: container {container.Name} would not start — secret \"{name}\" not found");

    static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
