using System.Globalization;
using Helm;
using k8s;
using k8s.Models;

namespace Rehearsal;

/// <summary>One pod the rehearsal runs: a replica of a Deployment or StatefulSet, or a <c>helm test</c> pod.</summary>
/// <param name="Name">As a controller would name it, e.g. <c>todo-backend-1</c>.</param>
/// <param name="Template">The rendered pod template it comes from (the owner, its labels, its spec).</param>
/// <param name="ServiceNames">The Services that select it: the names other pods reach it by.</param>
/// <param name="Claims">Volume claim templates (StatefulSet): claim name → the docker volume standing in for its PVC.</param>
public sealed record PodPlan(string Name, PodTemplate Template, IReadOnlyList<string> ServiceNames, IReadOnlyDictionary<string,
    string> Claims)
{
    public V1PodSpec Spec => Template.Spec;

    public string Owner => $"{Template.Owner.Kind}/{Template.OwnerName}";

    public bool IsTest => Template.IsHook;

    public override string ToString() => $"pod {Name} ({Owner})";
}

/// <summary>
/// What a rendered release becomes on Docker: the pods to run (with their replica counts), the test pods to run after
/// them, the ConfigMaps and Secrets their environment and volumes read, and every object or field the rehearsal does not
/// honour, by name — nothing is dropped silently. Pure: the manifest goes in, the plan comes out.
/// </summary>
public sealed record RehearsalPlan(
    IReadOnlyList<PodPlan> Pods,
    IReadOnlyList<PodPlan> Tests,
    IReadOnlyList<V1Service> Services,
    IReadOnlyDictionary<string, V1ConfigMap> ConfigMaps,
    IReadOnlyDictionary<string, V1Secret> Secrets,
    IReadOnlyList<string> NotHonoured)
{
    /// <param name="objects">The render, typed (RenderedManifest.ParseStrict).</param>
    /// <param name="clusterSecrets">Secrets that exist in the cluster beside the release (the build's own
    /// <c>todo-app-secrets</c>), as the API server would hold them.</param>
    /// <param name="volumePrefix">Prefix of the docker volumes that stand in for PersistentVolumeClaims.</param>
    public static RehearsalPlan From(IReadOnlyList<IKubernetesObject> objects, IEnumerable<V1Secret> clusterSecrets, string volumePrefix)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var notHonoured = new List<string>();
        var services = objects.OfType<V1Service>().ToList();
        var pods = new List<PodPlan>();
        var tests = new List<PodPlan>();
        foreach (var template in PodTemplate.In(objects))
        {
            var serviceNames = services
                .Where(s => s.Spec?.Selector is { Count: > 0 } selector && !template.IsHook && template.IsSelectedBy(selector))
                .Select(s => s.Metadata.Name).ToList();
            switch (template.Owner)
            {
                case V1Deployment deployment:
                    pods.AddRange(Enumerable.Range(0, Replicas(deployment.Spec.Replicas, deployment, objects, notHonoured))
                        .Select(i
                            => new PodPlan($"{deployment.Metadata.Name}-{i}", template, serviceNames, new Dictionary<string, string>())));
                    break;
                case V1StatefulSet statefulSet:
                    pods.AddRange(Enumerable.Range(0, Replicas(statefulSet.Spec.Replicas, statefulSet, objects, notHonoured)).Select(i =>
                    {
                        var name = $"{statefulSet.Metadata.Name}-{i}";
                        // A StatefulSet's claim is named <template>-<pod>: the same volume comes back with the same pod.
                        var claims = (statefulSet.Spec.VolumeClaimTemplates ?? [])
                            .ToDictionary(c => c.Metadata.Name, c => $"{volumePrefix}-{c.Metadata.Name}-{name}", StringComparer.Ordinal);
                        return new PodPlan(name, template, serviceNames, claims);
                    }));
                    break;
                case V1Pod pod when template.IsHook && IsTestHook(pod):
                    tests.Add(new PodPlan(pod.Metadata.Name, template, [], new Dictionary<string, string>()));
                    break;
                default:
                    notHonoured.Add(
                        $"{template.Owner.Kind}/{template.OwnerName}: "
                        + "the rehearsal runs Deployments, StatefulSets and helm test pods only");
                    break;
            }
        }

        foreach (var service in services)
        {
            notHonoured.AddRange(ServiceProblems(service, pods));
        }

        foreach (var other in objects.Where(o => o is not (V1Deployment or V1StatefulSet or V1Pod or V1Service or V1ConfigMap or V1Secret)))
        {
            notHonoured.Add($"{other.Kind}/{(other as IMetadata<V1ObjectMeta>)?.Metadata?.Name}: {Unenforced(other)}");
        }

        var secrets = clusterSecrets.Concat(objects.OfType<V1Secret>())
            .GroupBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return new RehearsalPlan(
            pods,
            tests,
            services,
            objects.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal),
            secrets,
            notHonoured);
    }

    /// <summary>
    /// The rehearsal cannot relay a Service port to another container port (Docker's network aliases carry no port
    /// mapping), so each port must equal the container port it targets — a rehearsal profile sets them equal. A
    /// NodePort or LoadBalancer becomes a port published on 127.0.0.1.
    /// </summary>
    static IEnumerable<string> ServiceProblems(V1Service service, IReadOnlyList<PodPlan> pods)
    {
        var selected = pods.Where(p => p.ServiceNames.Contains(service.Metadata.Name)).Select(p => p.Template).Distinct().ToList();
        foreach (var port in service.Spec?.Ports ?? [])
        {
            var target = port.TargetPort?.Value ?? port.Port.ToString(CultureInfo.InvariantCulture);
            foreach (var template in selected)
            {
                var resolved = template.ContainerPort(target);
                if (resolved is { Port.ContainerPort: var containerPort } && containerPort != port.Port)
                {
                    throw new RehearsalException(
                        $"Service/{service.Metadata.Name} port {port.Port} targets container port {containerPort} of "
                            + $"{template.Owner.Kind}/{template.OwnerName}: "
                        + "the rehearsal reaches pods by name on Docker's network, which cannot map one port to another. "
                        + "Render with a profile that sets the Service port equal to the container port "
                            + "(charts/todo-app/ci/rehearsal-values.yaml does).");
                }
            }
        }

        if (service.Spec?.Type is "NodePort" or "LoadBalancer")
        {
            yield return $"Service/{service.Metadata.Name} type {service.Spec.Type}: its pods' ports are published on 127.0.0.1 instead";
        }
    }

    static int Replicas(int? replicas, IKubernetesObject workload, IReadOnlyList<IKubernetesObject> objects, List<string> notHonoured)
    {
        if (replicas is { } count)
        {
            return count;
        }

        // With autoscaling on, the chart leaves replicas out and the HPA owns the count: start at its minimum.
        var name = (workload as IMetadata<V1ObjectMeta>)?.Metadata?.Name;
        var autoscaler = objects.OfType<V2HorizontalPodAutoscaler>().FirstOrDefault(h => h.Spec.ScaleTargetRef.Name == name);
        if (autoscaler is not null)
        {
            notHonoured.Add(
                $"HorizontalPodAutoscaler/{autoscaler.Metadata.Name}: no scaling; {workload.Kind}/{name} runs its minReplicas "
                    + $"({autoscaler.Spec.MinReplicas ?? 1})");
            return autoscaler.Spec.MinReplicas ?? 1;
        }

        return 1; // the API server's default
    }

    static bool IsTestHook(V1Pod pod) =>
        pod.Metadata.Annotations?.TryGetValue("helm.sh/hook", out var hooks) == true
        && hooks.Split(',', StringSplitOptions.TrimEntries).Contains("test", StringComparer.Ordinal);

    static string Unenforced(IKubernetesObject other) => other switch
    {
        V1NetworkPolicy => "not enforced (Docker networks let every container reach every other; kind and most CNIs enforce it)",
        V1PodDisruptionBudget => "no voluntary disruptions happen in a rehearsal",
        V2HorizontalPodAutoscaler => "no scaling in a rehearsal",
        V1Ingress => "no ingress controller in a rehearsal; the frontend is published on 127.0.0.1",
        _ => "not run by the rehearsal",
    };
}

/// <summary>The rendered release cannot be rehearsed, or a pod of it failed as it would on a node.</summary>
public sealed class RehearsalException : Exception
{
    public RehearsalException()
    {
    }

    public RehearsalException(string message)
        : base(message)
    {
    }

    public RehearsalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
