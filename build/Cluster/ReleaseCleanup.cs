using k8s;

namespace Cluster;

/// <summary>What Undeploy does after <c>helm uninstall</c>: remove what helm never removes (the hooks' resources, see
/// <see cref="ReleaseHooks"/>), the Secret the build created, the data when asked, and then wait until the API shows
/// nothing of the release, judged by <see cref="ReleaseRemnants.Judge"/>.</summary>
public static class ReleaseCleanup
{
    /// <summary>Pods stop for their grace period (30 s by default) after a delete; a little more than that twice over
    /// covers helm's deletes and ours.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(90);

    public static async Task<(bool Clean, string Report)> RunAsync(
        IKubernetes client, string ns, string release, bool deleteData, TimeSpan patience, Action<string> log,
            CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(log);
        var selector = $"{ReleaseHooks.InstanceLabel}={release}";
        var hooks = await ReleaseHooks.DeleteAsync(client, ns, release, cancellationToken);
        if (hooks.Count > 0)
        {
            log("deleted what the chart's hooks created (helm uninstall never does): "
                + string.Join(", ", hooks.Select(h => $"{h.Kind.ToLowerInvariant()}/{h.Name} ({h.Hook})")));
        }

        var secret = await ReleaseSecret.ReadOrNullAsync(client, ReleaseSecret.NameFor(release), ns, cancellationToken);
        if (ReleaseSecret.IsOwnedByBuild(secret))
        {
            await client.CoreV1.DeleteNamespacedSecretAsync(ReleaseSecret.NameFor(release), ns, cancellationToken: cancellationToken);
            log($"deleted Secret {ReleaseSecret.NameFor(release)}");
        }

        if (deleteData)
        {
            await client.CoreV1.DeleteCollectionNamespacedPersistentVolumeClaimAsync(ns, labelSelector: selector,
                cancellationToken: cancellationToken);
            await client.CoreV1.DeleteCollectionNamespacedSecretAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
            log("deleted the release's volume claims and remaining Secrets (--delete-data)");
        }

        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var remnants = await ReleaseRemnants.ListAsync(client, ns, selector, ReleaseSecret.NameFor(release), cancellationToken);
            var (clean, report) = ReleaseRemnants.Judge(remnants, deleteData);
            if (clean || DateTime.UtcNow >= deadline)
            {
                return (clean, report);
            }

            log($"waiting: {report}");
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        }
    }
}
