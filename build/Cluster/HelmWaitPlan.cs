using k8s.Models;

namespace Cluster;

/// <summary>Who waits for the release to become ready: helm (<c>--wait</c> with <c>--atomic</c> or
/// <c>--rollback-on-failure</c>), or the build alone (its <see cref="RolloutWatch"/>, then <c>helm rollback</c> or
/// <c>helm uninstall</c> on failure). <paramref name="Reason"/> says why helm does not wait, for the log.</summary>
public sealed record HelmWaitPlan(bool HelmWaits, string? Reason)
{
    /// <summary>
    /// Helm 3's <c>--wait</c> counts a <c>LoadBalancer</c> Service ready only once <c>status.loadBalancer.ingress</c>
    /// is set (or <c>spec.externalIPs</c> is): helm v3 pkg/kube/ready.go, <c>serviceReady</c>, logging "Service does
    /// not have load balancer ingress IP address". Only a load-balancer controller sets that field (Kubernetes docs,
    /// "Service", "type: LoadBalancer"), and minikube (without a `minikube tunnel` running: minikube docs,
    /// "Accessing apps", "LoadBalancer access") and kind (without cloud-provider-kind: kind docs, "LoadBalancer") have
    /// none, so the install hangs until its timeout and <c>--atomic</c> rolls back a healthy release. k3d has one
    /// (k3s's ServiceLB: k3s docs, "Networking Services") and so does Docker Desktop (it publishes LoadBalancer
    /// Services on localhost); any other cluster is assumed to be a real one with a controller.
    /// Helm 4's <c>--wait=watcher</c> judges Services with kstatus, which needs only a ClusterIP
    /// (fluxcd/cli-utils pkg/kstatus/status/core.go, <c>serviceConditions</c>), so Helm 4 always waits.
    /// The other way out, changing the Service type, would deploy something else than the profile asked for.
    /// </summary>
    /// <summary>The names of the rendered Services of type LoadBalancer, the input of <see cref="Decide"/>.</summary>
    public static IReadOnlyList<string> LoadBalancerServices(IEnumerable<V1Service> renderedServices) =>
        [.. renderedServices.Where(s => s.Spec?.Type == "LoadBalancer").Select(s => s.Metadata.Name)];

    public static HelmWaitPlan Decide(int helmMajorVersion, ClusterKind cluster, IReadOnlyList<string> loadBalancerServices)
    {
        ArgumentNullException.ThrowIfNull(loadBalancerServices);
        if (helmMajorVersion >= 4 || loadBalancerServices.Count == 0 || cluster is not (ClusterKind.Minikube or ClusterKind.Kind))
        {
            return new(true, null);
        }

        var services = string.Join(", ", loadBalancerServices.Select(s => $"Service {s}"));
        var noController = cluster == ClusterKind.Minikube
            ? "minikube gives one an address only while `minikube tunnel` runs"
            : "kind has no load-balancer controller unless cloud-provider-kind runs";
        return new(false,
            $"{services} is of type LoadBalancer, and Helm {helmMajorVersion}'s --wait waits for its load-balancer address, which "
                + $"{noController}; "
            + "so helm installs without --wait/--atomic, the build watches the rollout itself and rolls back on failure (Helm 4's --wait "
                + "does not have this problem)");
    }
}
