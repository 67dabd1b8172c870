using k8s;
using k8s.Models;

namespace Helm;

/// <summary>One broken rule: which object, which field, what is wrong, and the rule's name.</summary>
public sealed record PolicyViolation(string Rule, string Kind, string Name, string Field, string Problem)
{
    public static PolicyViolation Of(string rule, IKubernetesObject subject, string field, string problem) =>
        new(rule, subject.Kind ?? subject.GetType().Name, (subject as IMetadata<V1ObjectMeta>)?.Metadata?.Name ?? "?", field, problem);

    public override string ToString() => $"{Kind}/{Name} {Field}: {Problem} (rule: {Rule})";
}
