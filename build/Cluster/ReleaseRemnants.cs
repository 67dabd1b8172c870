using k8s;

namespace Cluster;

/// <summary>One object of a release still present after Undeploy; <paramref name="Hook"/> when a chart hook created it
/// (annotated <c>helm.sh/hook</c>), which <c>helm uninstall</c> never deletes (see <see cref="ReleaseHooks"/>).</summary>
public sealed record Remnant(string Kind, string Name, bool Terminating, bool Hook = false);

/// <summary>What Undeploy leaves behind, and whether that is what was asked for: nothing of the release, except the
/// database's volume claims (and the Secret with the database password the chart keeps beside them) when
/// <c>--delete-data</c> was not given.</summary>
public static class ReleaseRemnants
{
    public static (bool Clean, string Report) Judge(IReadOnlyList<Remnant> remnants, bool dataDeleted)
    {
        ArgumentNullException.ThrowIfNull(remnants);
        var expected = remnants.Where(r => !dataDeleted && IsKeptData(r)).ToList();
        var unexpected = remnants.Except(expected).ToList();
        var lines = new List<string>();
        if (unexpected.Count == 0)
        {
            lines.Add("nothing of the release is left");
        }
        else
        {
            lines.Add($"{unexpected.Count} objects of the release are still there: "
                + string.Join(", ", unexpected.Select(Describe)));
        }

        if (expected.Count > 0)
        {
            lines.Add("kept on purpose (pass --delete-data to remove): "
                + string.Join(", ", expected.Select(r => $"{r.Kind.ToLowerInvariant()}/{r.Name}")));
        }

        return (unexpected.Count == 0, string.Join("; ", lines));
    }

    static string Describe(Remnant r)
    {
        var notes = new List<string>();
        if (r.Hook)
        {
            notes.Add("helm hook");
        }

        if (r.Terminating)
        {
            notes.Add("terminating");
        }

        return $"{r.Kind.ToLowerInvariant()}/{r.Name}" + (notes.Count > 0 ? $" ({string.Join(", ", notes)})" : "");
    }

    static bool IsKeptData(Remnant remnant) =>
        remnant.Kind == "PersistentVolumeClaim"
            || (remnant.Kind == "Secret" && remnant.Name.EndsWith("-postgresql", StringComparison.Ordinal));

    /// <summary>Every object of the release the build knows the chart can create, found by the release's instance label.</summary>
    public static async Task<IReadOnlyList<Remnant>> ListAsync(IKubernetes client, string ns, string labelSelector, string secretName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var found = new List<Remnant>();
        void Add(string kind, IEnumerable<k8s.Models.V1ObjectMeta> items) =>
            found.AddRange(items.Select(m => new Remnant(kind, m.Name, m.DeletionTimestamp is not null,
                m.Annotations?.ContainsKey(ReleaseHooks.HookAnnotation) == true)));

        var core = client.CoreV1;
        var apps = client.AppsV1;
        Add("Deployment", (await apps.ListNamespacedDeploymentAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken))
            .Items.Select(i => i.Metadata));
        Add("StatefulSet",
            (await apps.ListNamespacedStatefulSetAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken))
                .Items.Select(i => i.Metadata));
        Add("Job", (await client.BatchV1.ListNamespacedJobAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken))
            .Items.Select(i => i.Metadata));
        Add("Pod", (await core.ListNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken))
            .Items.Select(i => i.Metadata));
        Add("Service", (await core.ListNamespacedServiceAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken))
            .Items.Select(i => i.Metadata));
        Add("ConfigMap", (await core.ListNamespacedConfigMapAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken))
            .Items.Select(i => i.Metadata));
        Add("Secret", (await core.ListNamespacedSecretAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken))
            .Items.Select(i => i.Metadata));
        Add("NetworkPolicy",
            (await client.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns, labelSelector: labelSelector,
                cancellationToken: cancellationToken)).Items.Select(i => i.Metadata));
        Add("PodDisruptionBudget",
            (await client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, labelSelector: labelSelector,
                cancellationToken: cancellationToken)).Items.Select(i => i.Metadata));
        Add("HorizontalPodAutoscaler",
            (await client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns, labelSelector: labelSelector,
                cancellationToken: cancellationToken)).Items.Select(i => i.Metadata));
        Add("PersistentVolumeClaim",
            (await core.ListNamespacedPersistentVolumeClaimAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken))
                .Items.Select(i => i.Metadata));
        var buildSecret = await ReleaseSecret.ReadOrNullAsync(client, secretName, ns, cancellationToken);
        if (buildSecret is not null && ReleaseSecret.IsOwnedByBuild(buildSecret) && found.All(r => r.Name != secretName))
        {
            found.Add(new Remnant("Secret", secretName, buildSecret.Metadata.DeletionTimestamp is not null));
        }

        return found;
    }
}
