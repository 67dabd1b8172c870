using k8s.Models;

namespace Chart.Tests;

/// <summary>One pod as NetworkPolicy sees it: its namespace's labels, its own labels and its containers' ports.</summary>
public sealed record PolicyPod(string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<V1ContainerPort> Ports);

/// <summary>
/// Whether the rendered NetworkPolicies of one namespace allow a TCP/UDP connection between two pods, by the rules
/// of the Kubernetes docs ("Network Policies"), which kind enforces since v0.24 (kube-network-policies):
/// <list type="bullet">
/// <item>A pod is isolated for ingress (egress) when a policy selects it whose <c>policyTypes</c> holds Ingress
/// (Egress); without <c>policyTypes</c>, Ingress always and Egress when the policy has egress rules.</item>
/// <item>A connection is allowed when the source may send it (not isolated for egress, or an egress rule allows it)
/// and the destination may receive it (likewise for ingress); rules of several policies add up.</item>
/// <item>A rule with no peers matches every peer, with no ports every port; a <c>podSelector</c> peer without a
/// <c>namespaceSelector</c> means the policy's own namespace; a named port is the destination container's port of that
/// name; the protocol defaults to TCP.</item>
/// </list>
/// Not modelled: ipBlock peers (none in this chart), endPort ranges, and the node's own traffic (kubelet probes),
/// which the docs say is always allowed.
/// </summary>
public static class NetworkPolicyRules
{
    public static bool Allows(IReadOnlyList<V1NetworkPolicy> policies, PolicyPod from, PolicyPod to, int port, string protocol = "TCP")
    {
        ArgumentNullException.ThrowIfNull(policies);
        return EgressAllowed(policies, from, to, port, protocol) && IngressAllowed(policies, from, to, port, protocol);
    }

    /// <summary>Whether <paramref name="from"/> may send to an address outside the release (e.g. the cluster DNS on
    /// port 53), which only its egress rules decide.</summary>
    public static bool EgressToOutsideAllowed(IReadOnlyList<V1NetworkPolicy> policies, PolicyPod from, int port, string protocol)
    {
        var outside = new PolicyPod("kube-dns", new Dictionary<string, string> { ["k8s-app"] = "kube-dns" }, [new V1ContainerPort { ContainerPort = port, Protocol = protocol }]);
        var selecting = policies.Where(p => Selects(p, from) && HasType(p, "Egress")).ToList();
        return selecting.Count == 0 || selecting.Any(p => (p.Spec.Egress ?? []).Any(rule =>
            (rule.To is null || rule.To.Count == 0 || rule.To.Any(peer => peer.NamespaceSelector is not null && Matches(peer.PodSelector, outside)))
            && PortsMatch(rule.Ports, outside, port, protocol)));
    }

    static bool IngressAllowed(IReadOnlyList<V1NetworkPolicy> policies, PolicyPod from, PolicyPod to, int port, string protocol)
    {
        var selecting = policies.Where(p => Selects(p, to) && HasType(p, "Ingress")).ToList();
        return selecting.Count == 0 || selecting.Any(p => (p.Spec.Ingress ?? []).Any(rule =>
            PeersMatch(rule.FromProperty, from) && PortsMatch(rule.Ports, to, port, protocol)));
    }

    static bool EgressAllowed(IReadOnlyList<V1NetworkPolicy> policies, PolicyPod from, PolicyPod to, int port, string protocol)
    {
        var selecting = policies.Where(p => Selects(p, from) && HasType(p, "Egress")).ToList();
        return selecting.Count == 0 || selecting.Any(p => (p.Spec.Egress ?? []).Any(rule =>
            PeersMatch(rule.To, to) && PortsMatch(rule.Ports, to, port, protocol)));
    }

    static bool Selects(V1NetworkPolicy policy, PolicyPod pod) => Matches(policy.Spec.PodSelector, pod);

    static bool HasType(V1NetworkPolicy policy, string type) =>
        policy.Spec.PolicyTypes is { Count: > 0 } types
            ? types.Contains(type)
            : type == "Ingress" || (policy.Spec.Egress?.Count ?? 0) > 0;

    // Same-namespace pods only: a namespaceSelector peer would need the namespace's labels, which no test here uses.
    static bool PeersMatch(IList<V1NetworkPolicyPeer>? peers, PolicyPod pod) =>
        peers is null || peers.Count == 0 || peers.Any(peer => peer.IpBlock is null && peer.NamespaceSelector is null && Matches(peer.PodSelector, pod));

    static bool PortsMatch(IList<V1NetworkPolicyPort>? ports, PolicyPod destination, int port, string protocol) =>
        ports is null || ports.Count == 0 || ports.Any(p => (p.Protocol ?? "TCP") == protocol && (p.Port is null || PortIs(p.Port, destination, port, protocol)));

    static bool PortIs(IntOrString policyPort, PolicyPod destination, int port, string protocol) =>
        int.TryParse(policyPort.Value, out var number)
            ? number == port
            : destination.Ports.Any(c => c.Name == policyPort.Value && c.ContainerPort == port && (c.Protocol ?? "TCP") == protocol);

    static bool Matches(V1LabelSelector? selector, PolicyPod pod)
    {
        if (selector is null)
        {
            return true;
        }

        var labels = pod.Labels;
        var byLabels = (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value);
        var byExpressions = (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
            "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => false,
        });
        return byLabels && byExpressions;
    }
}
