using k8s;
using k8s.Models;

namespace Cluster;

/// <summary>One object a chart hook created (found by the release's instance label and the <c>helm.sh/hook</c>
/// annotation).</summary>
public sealed record HookObject(string Kind, string Name, string Hook);

/// <summary>
/// What the chart's hooks left behind, and their removal. Helm does not track the resources a hook creates as part of
/// the release: once a hook has run, Helm leaves its resources alone, and deleting the release does not delete them;
/// only a <c>helm.sh/hook-delete-policy</c> (or whoever installed the chart) removes them (Helm docs, "Chart Hooks":
/// "Hooks and the Release Lifecycle" and "Hook deletion policies"; helm's pkg/action/uninstall.go deletes only the
/// resources of the release manifest, which holds no hooks). Test pods are hooks too (<c>helm.sh/hook: test</c>, Helm
/// docs "Chart Tests"), and the chart keeps its selftest pod with <c>before-hook-creation</c> so that its log can be
/// read, so after every Deploy that pod outlives <c>helm uninstall</c>; Undeploy removes it itself.
/// </summary>
public static class ReleaseHooks
{
    public const string HookAnnotation = "helm.sh/hook";
    public const string InstanceLabel = "app.kubernetes.io/instance";

    /// <summary>The objects among <paramref name="candidates"/> that a hook of <paramref name="release"/> created:
    /// labelled with its instance and annotated <c>helm.sh/hook</c>. Objects of the release without the annotation
    /// are helm's to delete, and another release's hooks are none of Undeploy's business.</summary>
    public static IReadOnlyList<HookObject> Of(string release, IEnumerable<(string Kind, V1ObjectMeta Metadata)> candidates)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(release);
        ArgumentNullException.ThrowIfNull(candidates);
        return
        [
            .. candidates
                .Where(c => c.Metadata.Labels?.TryGetValue(InstanceLabel, out var instance) == true && instance == release)
                .Where(c => c.Metadata.Annotations?.ContainsKey(HookAnnotation) == true)
                .Select(c => new HookObject(c.Kind, c.Metadata.Name, c.Metadata.Annotations[HookAnnotation])),
        ];
    }

    /// <summary>Finds the hook objects of <paramref name="release"/> in the kinds a chart's hooks create (test and
    /// migration pods, Jobs, and the ConfigMaps/Secrets they read) and deletes them. Returns what it deleted.</summary>
    public static async Task<IReadOnlyList<HookObject>> DeleteAsync(IKubernetes client, string ns, string release,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var selector = $"{InstanceLabel}={release}";
        var core = client.CoreV1;
        var candidates = new List<(string, V1ObjectMeta)>();
        candidates.AddRange((await core.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken))
            .Items.Select(i => ("Pod", i.Metadata)));
        candidates.AddRange((await client.BatchV1.ListNamespacedJobAsync(ns, labelSelector: selector, cancellationToken: cancellationToken))
            .Items.Select(i => ("Job", i.Metadata)));
        candidates.AddRange((await core.ListNamespacedConfigMapAsync(ns, labelSelector: selector, cancellationToken: cancellationToken))
            .Items.Select(i => ("ConfigMap", i.Metadata)));
        candidates.AddRange((await core.ListNamespacedSecretAsync(ns, labelSelector: selector, cancellationToken: cancellationToken))
            .Items.Select(i => ("Secret", i.Metadata)));

        var hooks = Of(release, candidates);
        foreach (var hook in hooks)
        {
            try
            {
                _ = hook.Kind switch
                {
                    "Pod" => await core.DeleteNamespacedPodAsync(hook.Name, ns, cancellationToken: cancellationToken),
                    // A Job's pods go with it only when asked: the API's default for batch/v1 Jobs orphans them
                    // (Kubernetes docs, "Jobs", "Job termination and cleanup"; kubectl passes Background).
                    "Job" => await client.BatchV1.DeleteNamespacedJobAsync(hook.Name, ns, propagationPolicy: "Background",
                        cancellationToken: cancellationToken),
                    "ConfigMap" => await core.DeleteNamespacedConfigMapAsync(hook.Name, ns, cancellationToken: cancellationToken),
                    "Secret" => await core.DeleteNamespacedSecretAsync(hook.Name, ns, cancellationToken: cancellationToken),
                    _ => (object?)null,
                };
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Gone between list and delete (a delete policy or another Undeploy): what was wanted.
            }
        }

        return hooks;
    }
}
