using k8s;
using k8s.Models;

namespace Helm;

/// <summary>A pod spec wherever it sits in an object (a Deployment's template, a Job's, a bare Pod), with the path
/// to it so a violation can name the field.</summary>
public sealed record PodTemplate(IKubernetesObject Owner, string Path, V1ObjectMeta? Metadata, V1PodSpec Spec)
{
    /// <summary>A helm hook (e.g. the `helm test` pod) runs to completion; it is not served traffic or probed.</summary>
    public bool IsHook =>
        (Owner as IMetadata<V1ObjectMeta>)?.Metadata?.Annotations?.ContainsKey("helm.sh/hook") == true;

    /// <summary>Pods that keep running and serve: what Services select and what must be probed.</summary>
    public bool IsLongRunning => !IsHook && Owner is V1Deployment or V1StatefulSet or V1DaemonSet or V1ReplicaSet or V1Pod;

    public IReadOnlyDictionary<string, string> Labels =>
        (IReadOnlyDictionary<string, string>?)Metadata?.Labels ?? new Dictionary<string, string>();

    public string OwnerName => (Owner as IMetadata<V1ObjectMeta>)?.Metadata?.Name ?? "?";

    /// <summary>Whether a Service (or workload) selector picks these pods: every selector label present with its value.</summary>
    public bool IsSelectedBy(IDictionary<string, string> selector) =>
        selector.All(s => Labels.TryGetValue(s.Key, out var value) && value == s.Value);

    /// <summary>The main container port a Service's targetPort means: by name, else by number; null when none.</summary>
    public (V1Container Container, V1ContainerPort Port)? ContainerPort(string target) =>
        (Spec.Containers ?? [])
            .SelectMany(c => (c.Ports ?? []).Select(p => (Container: c, Port: p)))
            .Where(c => c.Port.Name == target || c.Port.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == target)
            .Select(c => ((V1Container, V1ContainerPort)?)c)
            .FirstOrDefault();

    public IEnumerable<(V1Container Container, string Path, bool IsInit)> Containers =>
        (Spec.InitContainers ?? []).Select(c => (c, $"{Path}.initContainers[{c.Name}]", true))
            .Concat((Spec.Containers ?? []).Select(c => (c, $"{Path}.containers[{c.Name}]", false)));

    public static IEnumerable<PodTemplate> In(IEnumerable<IKubernetesObject> objects) =>
        objects.Select(From).OfType<PodTemplate>();

    private static PodTemplate? From(IKubernetesObject owner) => owner switch
    {
        V1Deployment { Spec.Template.Spec: { } spec } d => new(owner, "spec.template.spec", d.Spec.Template.Metadata, spec),
        V1StatefulSet { Spec.Template.Spec: { } spec } s => new(owner, "spec.template.spec", s.Spec.Template.Metadata, spec),
        V1DaemonSet { Spec.Template.Spec: { } spec } s => new(owner, "spec.template.spec", s.Spec.Template.Metadata, spec),
        V1ReplicaSet { Spec.Template.Spec: { } spec } s => new(owner, "spec.template.spec", s.Spec.Template.Metadata, spec),
        V1Job { Spec.Template.Spec: { } spec } j => new(owner, "spec.template.spec", j.Spec.Template.Metadata, spec),
        V1CronJob { Spec.JobTemplate.Spec.Template.Spec: { } spec } c =>
            new(owner, "spec.jobTemplate.spec.template.spec", c.Spec.JobTemplate.Spec.Template.Metadata, spec),
        V1Pod { Spec: { } spec } p => new(owner, "spec", p.Metadata, spec),
        _ => null,
    };
}
