using System.Net;
using k8s;

namespace Cluster;

/// <summary>What was seen of one backend replica after the smoke suite: Ready in the Service, the status of a
/// request sent to it alone (through a port-forward to that pod), and how many requests its log shows.</summary>
public sealed record ReplicaObservation(string Pod, bool Ready, int? DirectStatus, int RequestsLogged);

/// <summary>Whether every backend replica took part: at least two replicas, each Ready and each answering a request
/// sent to it alone. The request counts from the logs are reported when the backend logs requests; they are not
/// required, because the backend logs ASP.NET Core's per-request lines only at Information level for that category.</summary>
public static class BackendReplicas
{
    public const int MinimumReplicas = 2;

    public static (bool Passed, string Report) Judge(IReadOnlyList<ReplicaObservation> replicas)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        var lines = replicas.Select(r =>
            $"{r.Pod}: {(r.Ready ? "ready" : "NOT ready")}, direct request "
            + (r.DirectStatus is { } status ? $"answered {status}" : "got no answer")
            + (r.RequestsLogged > 0 ? $", {r.RequestsLogged} requests in its log" : ""));
        var failing = replicas.Where(r => !r.Ready || r.DirectStatus != (int)HttpStatusCode.OK).Select(r => r.Pod).ToList();
        var enough = replicas.Count >= MinimumReplicas;
        var verdict = !enough
            ? $"only {replicas.Count} backend replica(s) found; the release should run at least {MinimumReplicas}"
            : failing.Count > 0 ? $"replicas not serving: {string.Join(", ", failing)}" : $"all {replicas.Count} backend replicas serve";
        return (enough && failing.Count == 0, verdict + " (" + string.Join("; ", lines) + ")");
    }

    /// <summary>Lines of ASP.NET Core's request log ("Request finished ...") in a pod's log text.</summary>
    public static int CountRequests(string log) =>
        (log ?? "").Split('\n').Count(l => l.Contains("Request finished", StringComparison.Ordinal));

    public static async Task<IReadOnlyList<ReplicaObservation>> ObserveAsync(
        IKubernetes client, string ns, string serviceName, string probePath, DateTime since, Action<string> onError,
            CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var pods = await ServiceEndpoint.ReadyPodsAsync(client, ns, serviceName, servicePort: null, cancellationToken);
        var observations = new List<ReplicaObservation>();
        foreach (var (pod, port) in pods)
        {
            var name = pod.Metadata.Name;
            int? status = null;
            await using (var forward = PodPortForward.Start(client, ns, name, port, onError))
            {
                using var http = new HttpClient { BaseAddress = forward.LocalUrl, Timeout = TimeSpan.FromSeconds(15) };
                try
                {
                    using var response = await http.GetAsync(probePath.TrimStart('/'), cancellationToken);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException e)
                {
                    onError($"{name}: {e.Message}");
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    onError($"{name}: no answer within 15 s");
                }
            }

            var sinceSeconds = Math.Max(1, (int)Math.Ceiling((DateTime.UtcNow - since).TotalSeconds));
            using var logStream = await client.CoreV1.ReadNamespacedPodLogAsync(name, ns, sinceSeconds: sinceSeconds,
                cancellationToken: cancellationToken);
            using var reader = new StreamReader(logStream);
            var log = await reader.ReadToEndAsync(cancellationToken);
            observations.Add(new ReplicaObservation(name, ServiceEndpoint.IsReady(pod), status, CountRequests(log)));
        }

        return observations;
    }
}
