using Helm;
using k8s;
using k8s.Models;

namespace Chart.Tests;

/// <summary>Lookups that read like the assertions they serve.</summary>
internal static class ManifestQueries
{
    public static T Single<T>(this RenderedManifest manifest, string name)
        where T : IKubernetesObject, IMetadata<V1ObjectMeta> =>
        Assert.Single(manifest.OfType<T>(), o => o.Metadata.Name == name);

    public static bool Has<T>(this RenderedManifest manifest, string name)
        where T : IKubernetesObject, IMetadata<V1ObjectMeta> =>
        manifest.OfType<T>().Any(o => o.Metadata.Name == name);

    public static V1Container Container(this V1Deployment deployment, string name) =>
        Assert.Single(deployment.Spec.Template.Spec.Containers, c => c.Name == name);

    public static V1EnvVar Env(this V1Container container, string name) =>
        Assert.Single(container.Env ?? [], e => e.Name == name);

    public static IReadOnlyList<IKubernetesObject> Resources(this RenderedManifest manifest) =>
        [.. manifest.Objects.Select(o => o.Resource)];
}
