using k8s;
using k8s.Autorest;

namespace Cluster;

/// <summary>Reads what <see cref="DiagnosticsReport"/> formats: the release's pods, the namespace's Warning events and
/// the last lines of every failing container (the crashed instance's when it restarted). Each read that fails is
/// noted in the report instead of hiding the rest: diagnostics run when things are already going wrong.</summary>
public static class DiagnosticsCollector
{
    public static async Task<string> CollectAsync(IKubernetes client, string ns, string release, string labelSelector,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var problems = new List<string>();
        var pods = new List<PodDiagnosis>();
        var logs = new List<ContainerLog>();
        try
        {
            var list = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken);
            foreach (var pod in list.Items)
            {
                var diagnosis = PodDiagnosis.From(pod);
                pods.Add(diagnosis);
                foreach (var container in diagnosis.Containers.Where(c => c.IsFailing && c.State != "not started"))
                {
                    var name = container.Name.StartsWith("init:", StringComparison.Ordinal) ? container.Name[5..] : container.Name;
                    var previous = container.Restarts > 0;
                    logs.Add(new ContainerLog(diagnosis.Name, container.Name, previous,
                        await TailAsync(client, ns, diagnosis.Name, name, previous, problems, cancellationToken)));
                }
            }
        }
        catch (HttpOperationException e)
        {
            problems.Add($"listing pods failed: {e.Response.StatusCode} {e.Response.Content}");
        }

        var events = new List<WarningEvent>();
        try
        {
            var list = await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "type=Warning",
                cancellationToken: cancellationToken);
            events.AddRange(list.Items.Select(WarningEvent.From));
        }
        catch (HttpOperationException e)
        {
            problems.Add($"listing events failed: {e.Response.StatusCode}");
        }

        var report = DiagnosticsReport.Format(ns, release, pods, events, logs);
        return problems.Count == 0 ? report : report + "\nNot collected: " + string.Join("; ", problems) + "\n";
    }

    static async Task<IReadOnlyList<string>> TailAsync(
        IKubernetes client, string ns, string pod, string container, bool previous, List<string> problems,
            CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(
                pod, ns, container: container, previous: previous, tailLines: DiagnosticsReport.LogLines,
                    cancellationToken: cancellationToken);
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync(cancellationToken);
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        }
        catch (HttpOperationException e)
        {
            problems.Add($"logs of {pod}/{container}: {e.Response.StatusCode}");
            return [];
        }
    }
}
