using Helm;
using k8s.Models;

namespace Chart.Tests;

/// <summary>kind enforces NetworkPolicies since v0.24 (kube-network-policies), so the kind profile's rendered policies
/// must admit every connection the release makes, and still refuse the rest. Judged by <see cref="NetworkPolicyRules"/>;
/// only a real kind cluster proves the enforcement itself.</summary>
public sealed class KindNetworkPolicyTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Fact]
    public async Task The_kind_profile_admits_every_connection_the_release_makes()
    {
        var (policies, pods) = await RenderKindAsync();
        Assert.Equal(3, policies.Select(p => p.Metadata.Name).Distinct().Count());

        Assert.True(NetworkPolicyRules.Allows(policies, pods["frontend"], pods["backend"], 8000), "frontend → backend:8000");
        Assert.True(NetworkPolicyRules.Allows(policies, pods["backend"], pods["postgresql"], 5432), "backend (and its migrate init container) → postgresql:5432");
        Assert.True(NetworkPolicyRules.Allows(policies, pods["selftest"], pods["backend"], 8000), "helm test pod → backend:8000");
        Assert.True(NetworkPolicyRules.Allows(policies, pods["selftest"], pods["frontend"], 8080), "helm test pod → frontend:8080");
        Assert.True(NetworkPolicyRules.Allows(policies, Outsider, pods["frontend"], 8080), "anyone (a port-forward, an ingress) → frontend:8080");
        // Every pod that opens a connection by name needs DNS; the database opens none (its probes run inside it).
        foreach (var (name, pod) in pods.Where(p => p.Key != "postgresql"))
        {
            Assert.True(NetworkPolicyRules.EgressToOutsideAllowed(policies, pod, 53, "UDP"), $"{name} → cluster DNS 53/UDP");
            Assert.True(NetworkPolicyRules.EgressToOutsideAllowed(policies, pod, 53, "TCP"), $"{name} → cluster DNS 53/TCP");
        }
    }

    [Fact]
    public async Task The_database_may_open_no_connection_at_all()
    {
        var (policies, pods) = await RenderKindAsync();

        Assert.False(NetworkPolicyRules.EgressToOutsideAllowed(policies, pods["postgresql"], 53, "UDP"), "postgresql → DNS");
        Assert.False(NetworkPolicyRules.EgressToOutsideAllowed(policies, pods["postgresql"], 443, "TCP"), "postgresql → the internet");
    }

    [Fact]
    public async Task The_kind_profile_still_refuses_what_the_release_does_not_need()
    {
        var (policies, pods) = await RenderKindAsync();

        Assert.False(NetworkPolicyRules.Allows(policies, Outsider, pods["backend"], 8000), "another pod → backend");
        Assert.False(NetworkPolicyRules.Allows(policies, pods["frontend"], pods["postgresql"], 5432), "frontend → postgresql");
        Assert.False(NetworkPolicyRules.Allows(policies, pods["selftest"], pods["postgresql"], 5432), "helm test pod → postgresql");
        Assert.False(NetworkPolicyRules.Allows(policies, Outsider, pods["frontend"], 9090), "frontend on a port it does not serve");
    }

    static readonly PolicyPod Outsider = new("outsider", new Dictionary<string, string> { ["app"] = "other" }, []);

    async Task<(IReadOnlyList<V1NetworkPolicy> Policies, IReadOnlyDictionary<string, PolicyPod> Pods)> RenderKindAsync()
    {
        var manifest = await chart.RenderProfileAsync("kind");
        var pods = PodTemplate.In(manifest.Resources())
            .Select(t => new PolicyPod(
                t.Labels["app.kubernetes.io/component"],
                t.Labels,
                [.. t.Spec.Containers.SelectMany(c => c.Ports ?? [])]))
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
        Assert.Equal(["backend", "frontend", "postgresql", "selftest"], pods.Keys.Order(StringComparer.Ordinal));
        return ([.. manifest.OfType<V1NetworkPolicy>()], pods);
    }
}
