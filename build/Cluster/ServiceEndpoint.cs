using k8s;
using k8s.Models;

namespace Cluster;

/// <summary>Finds where a Service's traffic goes: its Ready pods and the container port its service port targets,
/// which is what a port-forward needs (the API forwards to pods, not Services).</summary>
public static class ServiceEndpoint
{
    /// <summary>The pod port a service port targets: a number as is, a name looked up among the pod's container
    /// ports, nothing set means the service port itself.</summary>
    public static int? TargetPort(V1ServicePort servicePort, V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(servicePort);
        ArgumentNullException.ThrowIfNull(pod);
        var target = servicePort.TargetPort?.Value;
        if (string.IsNullOrEmpty(target))
        {
            return servicePort.Port;
        }

        if (int.TryParse(target, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return pod.Spec?.Containers?.SelectMany(c => c.Ports ?? []).FirstOrDefault(p => p.Name == target)?.ContainerPort;
    }

    public static bool IsReady(V1Pod pod) =>
        pod?.Metadata?.DeletionTimestamp is null
        && pod?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static string Selector(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var selector = service.Spec?.Selector ?? new Dictionary<string, string>();
        return string.Join(',', selector.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
    }

    /// <summary>The Service's Ready pods with the pod port behind <paramref name="servicePort"/> (the first port when
    /// null).</summary>
    public static async Task<IReadOnlyList<(V1Pod Pod, int Port)>> ReadyPodsAsync(
        IKubernetes client, string ns, string serviceName, int? servicePort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var service = await client.CoreV1.ReadNamespacedServiceAsync(serviceName, ns, cancellationToken: cancellationToken);
        var port = service.Spec?.Ports?.FirstOrDefault(p => servicePort is null || p.Port == servicePort)
            ?? throw new InvalidOperationException($"Service {ns}/{serviceName} has no port {servicePort}.");
        var selector = Selector(service);
        if (selector.Length == 0)
        {
            throw new InvalidOperationException($"Service {ns}/{serviceName} has no selector, so no pods to forward to.");
        }

        var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
        return [.. pods.Items.Where(IsReady)
            .Select(p => (Pod: p, Port: TargetPort(port, p)))
            .Where(p => p.Port is not null)
            .OrderBy(p => p.Pod.Metadata.Name, StringComparer.Ordinal)
            .Select(p => (p.Pod, p.Port!.Value))];
    }
}
