using k8s;
using k8s.Models;

namespace Helm;

/// <summary>What every render of the chart must satisfy, as plain functions over typed objects, so tests can hand
/// each rule a bad object and watch it fail. <see cref="Check"/> runs them all.</summary>
public static class ChartPolicy
{
    public const string PinnedImages = "images are pinned: no latest tag";
    public const string Probed = "every long-running container has liveness and readiness probes";
    public const string Bounded = "every container has cpu and memory requests and limits";
    public const string NonRoot = "every container runs as non-root";
    public const string ReadOnlyRoot = "every container has a read-only root filesystem";
    public const string Unprivileged = "every container drops ALL capabilities and cannot escalate privileges";
    public const string SelectorsMatch = "every Service selector matches some pod template's labels";
    public const string TargetPortsExist = "every Service targetPort exists as a container port";
    public const string NoSecretMaterial = "no Secret data comes from values or templates";
    public const string WorkloadsSelectOwnPods = "every workload's selector matches its own pod template";
    public const string ReferencesResolve = "every ConfigMap and Secret a pod references is named and, when rendered, has the key";

    private static readonly string[] BoundedResources = ["cpu", "memory"];

    /// <summary>All rules. <paramref name="secondRender"/> is the same profile rendered again: a Secret whose data is
    /// identical in both was not generated at install time, so it came from values or was written into a template.</summary>
    public static IReadOnlyList<PolicyViolation> Check(IReadOnlyList<IKubernetesObject> render,
        IReadOnlyList<IKubernetesObject> secondRender) =>
    [
        .. ImagesArePinned(render),
        .. LongRunningContainersAreProbed(render),
        .. ContainersAreBounded(render),
        .. ContainersRunAsNonRoot(render),
        .. RootFilesystemsAreReadOnly(render),
        .. ContainersAreUnprivileged(render),
        .. ServiceSelectorsMatchPods(render),
        .. ServiceTargetPortsExist(render),
        .. SecretsHoldNoChartMaterial(render, secondRender),
        .. WorkloadsSelectTheirOwnPods(render),
        .. ConfigReferencesResolve(render),
    ];

    public static IEnumerable<PolicyViolation> ImagesArePinned(IReadOnlyList<IKubernetesObject> objects) =>
        from pod in PodTemplate.In(objects)
        from c in pod.Containers
        let problem = ImageProblem(c.Container.Image)
        where problem is not null
        select PolicyViolation.Of(PinnedImages, pod.Owner, $"{c.Path}.image", problem);

    public static IEnumerable<PolicyViolation> LongRunningContainersAreProbed(IReadOnlyList<IKubernetesObject> objects) =>
        from pod in PodTemplate.In(objects)
        where pod.IsLongRunning
        from c in pod.Containers
        where !c.IsInit
        from missing in new[]
        {
            c.Container.LivenessProbe is null ? "livenessProbe" : null,
            c.Container.ReadinessProbe is null ? "readinessProbe" : null,
        }
        where missing is not null
        select PolicyViolation.Of(Probed, pod.Owner, $"{c.Path}.{missing}", "missing");

    public static IEnumerable<PolicyViolation> ContainersAreBounded(IReadOnlyList<IKubernetesObject> objects) =>
        from pod in PodTemplate.In(objects)
        from c in pod.Containers
        from section in new[] { ("requests", c.Container.Resources?.Requests), ("limits", c.Container.Resources?.Limits) }
        from resource in BoundedResources
        where section.Item2 is null || !section.Item2.ContainsKey(resource)
        select PolicyViolation.Of(Bounded, pod.Owner, $"{c.Path}.resources.{section.Item1}.{resource}", "missing");

    public static IEnumerable<PolicyViolation> ContainersRunAsNonRoot(IReadOnlyList<IKubernetesObject> objects)
    {
        foreach (var pod in PodTemplate.In(objects))
        {
            foreach (var (container, path, _) in pod.Containers)
            {
                // A container's own securityContext wins over the pod's, as the kubelet applies them.
                var runAsNonRoot = container.SecurityContext?.RunAsNonRoot ?? pod.Spec.SecurityContext?.RunAsNonRoot;
                var runAsUser = container.SecurityContext?.RunAsUser ?? pod.Spec.SecurityContext?.RunAsUser;
                if (runAsNonRoot != true)
                {
                    yield return PolicyViolation.Of(NonRoot, pod.Owner, $"{path}.securityContext.runAsNonRoot",
                        "not true (neither on the container nor on the pod)");
                }

                if (runAsUser == 0)
                {
                    yield return PolicyViolation.Of(NonRoot, pod.Owner, $"{path}.securityContext.runAsUser", "is 0 (root)");
                }
            }
        }
    }

    public static IEnumerable<PolicyViolation> RootFilesystemsAreReadOnly(IReadOnlyList<IKubernetesObject> objects) =>
        from pod in PodTemplate.In(objects)
        from c in pod.Containers
        where c.Container.SecurityContext?.ReadOnlyRootFilesystem != true
        select PolicyViolation.Of(ReadOnlyRoot, pod.Owner, $"{c.Path}.securityContext.readOnlyRootFilesystem", "not true");

    public static IEnumerable<PolicyViolation> ContainersAreUnprivileged(IReadOnlyList<IKubernetesObject> objects)
    {
        foreach (var pod in PodTemplate.In(objects))
        {
            foreach (var (container, path, _) in pod.Containers)
            {
                var context = container.SecurityContext;
                if (context?.AllowPrivilegeEscalation != false)
                {
                    yield return PolicyViolation.Of(Unprivileged, pod.Owner, $"{path}.securityContext.allowPrivilegeEscalation",
                        "not false");
                }

                if (context?.Capabilities?.Drop?.Contains("ALL") != true)
                {
                    yield return PolicyViolation.Of(Unprivileged, pod.Owner, $"{path}.securityContext.capabilities.drop",
                        "does not drop ALL");
                }

                if (context?.Privileged == true)
                {
                    yield return PolicyViolation.Of(Unprivileged, pod.Owner, $"{path}.securityContext.privileged", "is true");
                }
            }
        }
    }

    public static IEnumerable<PolicyViolation> ServiceSelectorsMatchPods(IReadOnlyList<IKubernetesObject> objects)
    {
        var pods = PodTemplate.In(objects).Where(p => p.IsLongRunning).ToList();
        foreach (var service in objects.OfType<V1Service>())
        {
            var selector = service.Spec?.Selector;
            if (selector is null || selector.Count == 0)
            {
                continue; // a Service without selector points at endpoints managed by hand (ExternalName, external IPs)
            }

            if (!pods.Any(p => Selects(selector, p)))
            {
                yield return PolicyViolation.Of(SelectorsMatch, service, "spec.selector",
                    $"{Describe(selector)} matches no pod template's labels");
            }
        }
    }

    public static IEnumerable<PolicyViolation> ServiceTargetPortsExist(IReadOnlyList<IKubernetesObject> objects)
    {
        var pods = PodTemplate.In(objects).Where(p => p.IsLongRunning).ToList();
        foreach (var service in objects.OfType<V1Service>())
        {
            var selector = service.Spec?.Selector;
            var selected = selector is { Count: > 0 } ? pods.Where(p => Selects(selector, p)).ToList() : [];
            if (selected.Count == 0)
            {
                continue; // nothing selected is the selector rule's finding, not this one's
            }

            foreach (var port in service.Spec?.Ports ?? [])
            {
                // An omitted targetPort means the same number as the Service port.
                var target = port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var missingIn = selected.Where(p => p.ContainerPort(target) is null).ToList();
                foreach (var pod in missingIn)
                {
                    yield return PolicyViolation.Of(TargetPortsExist, service,
                        $"spec.ports[{port.Name ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}].targetPort",
                        $"'{target}' is no container port of {pod.Owner.Kind}/{(pod.Owner as IMetadata<V1ObjectMeta>)?.Metadata?.Name}");
                }
            }
        }
    }

    public static IEnumerable<PolicyViolation> SecretsHoldNoChartMaterial(
        IReadOnlyList<IKubernetesObject> render, IReadOnlyList<IKubernetesObject> secondRender)
    {
        var again = secondRender.OfType<V1Secret>().ToDictionary(s => s.Metadata?.Name ?? "", StringComparer.Ordinal);
        foreach (var secret in render.OfType<V1Secret>())
        {
            again.TryGetValue(secret.Metadata?.Name ?? "", out var twin);
            foreach (var (key, value) in secret.Data ?? new Dictionary<string, byte[]>())
            {
                if (value.Length > 0 && twin?.Data?.TryGetValue(key, out var other) == true && value.AsSpan().SequenceEqual(other))
                {
                    yield return PolicyViolation.Of(NoSecretMaterial, secret, $"data.{key}",
                        "is the same in two renders, so it comes from values or a template, not generated at install");
                }
            }

            foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
            {
                if (value.Length > 0 && twin?.StringData?.TryGetValue(key, out var other) == true && value == other)
                {
                    yield return PolicyViolation.Of(NoSecretMaterial, secret, $"stringData.{key}",
                        "is the same in two renders, so it comes from values or a template, not generated at install");
                }
            }
        }
    }

    /// <summary>The API server refuses a Deployment whose selector does not match its template; this says so offline.</summary>
    public static IEnumerable<PolicyViolation> WorkloadsSelectTheirOwnPods(IReadOnlyList<IKubernetesObject> objects)
    {
        foreach (var workload in objects)
        {
            var selector = workload switch
            {
                V1Deployment d => (Found: true, d.Spec?.Selector),
                V1StatefulSet s => (Found: true, s.Spec?.Selector),
                V1DaemonSet s => (Found: true, s.Spec?.Selector),
                V1ReplicaSet s => (Found: true, s.Spec?.Selector),
                _ => (Found: false, (V1LabelSelector?)null),
            };
            if (!selector.Found)
            {
                continue;
            }

            var pod = PodTemplate.In([workload]).SingleOrDefault();
            var matchLabels = selector.Item2?.MatchLabels;
            if (matchLabels is null || matchLabels.Count == 0)
            {
                yield return PolicyViolation.Of(WorkloadsSelectOwnPods, workload, "spec.selector.matchLabels", "missing");
            }
            else if (pod is null || !Selects(matchLabels, pod))
            {
                yield return PolicyViolation.Of(WorkloadsSelectOwnPods, workload, "spec.selector.matchLabels",
                    $"{Describe(matchLabels)} does not match the labels of spec.template.metadata.labels");
            }
        }
    }

    /// <summary>A pod that references a missing ConfigMap, or a missing key of a rendered one, waits forever in
    /// CreateContainerConfigError. Secrets may live outside the chart (existingSecret), so only rendered ones are
    /// checked for their keys.</summary>
    public static IEnumerable<PolicyViolation> ConfigReferencesResolve(IReadOnlyList<IKubernetesObject> objects)
    {
        var configMaps = objects.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata?.Name ?? "", StringComparer.Ordinal);
        var secrets = objects.OfType<V1Secret>().ToDictionary(s => s.Metadata?.Name ?? "", StringComparer.Ordinal);
        foreach (var pod in PodTemplate.In(objects))
        {
            foreach (var (container, path, _) in pod.Containers)
            {
                foreach (var (source, index) in (container.EnvFrom ?? []).Select((s, i) => (s, i)))
                {
                    if (source.ConfigMapRef is { } configMap && configMap.Optional != true && !configMaps.ContainsKey(configMap.Name ?? ""))
                    {
                        yield return PolicyViolation.Of(ReferencesResolve, pod.Owner, $"{path}.envFrom[{index}].configMapRef.name",
                            $"ConfigMap '{configMap.Name}' is not rendered by the chart");
                    }

                    if (source.SecretRef is { } secret && string.IsNullOrEmpty(secret.Name))
                    {
                        yield return PolicyViolation.Of(ReferencesResolve, pod.Owner, $"{path}.envFrom[{index}].secretRef.name", "empty");
                    }
                }

                foreach (var variable in container.Env ?? [])
                {
                    var field = $"{path}.env[{variable.Name}].valueFrom";
                    if (variable.ValueFrom?.ConfigMapKeyRef is { } configMapKey && configMapKey.Optional != true)
                    {
                        if (!configMaps.TryGetValue(configMapKey.Name ?? "", out var map))
                        {
                            yield return PolicyViolation.Of(ReferencesResolve, pod.Owner, $"{field}.configMapKeyRef.name",
                                $"ConfigMap '{configMapKey.Name}' is not rendered by the chart");
                        }
                        else if (map.Data?.ContainsKey(configMapKey.Key) != true)
                        {
                            yield return PolicyViolation.Of(ReferencesResolve, pod.Owner, $"{field}.configMapKeyRef.key",
                                $"ConfigMap '{configMapKey.Name}' has no key '{configMapKey.Key}'");
                        }
                    }

                    if (variable.ValueFrom?.SecretKeyRef is { } secretKey)
                    {
                        if (string.IsNullOrEmpty(secretKey.Name) || string.IsNullOrEmpty(secretKey.Key))
                        {
                            yield return PolicyViolation.Of(ReferencesResolve, pod.Owner, $"{field}.secretKeyRef", "name or key is empty");
                        }
                        else if (secretKey.Optional != true && secrets.TryGetValue(secretKey.Name, out var secret)
                            && secret.Data?.ContainsKey(secretKey.Key) != true && secret.StringData?.ContainsKey(secretKey.Key) != true)
                        {
                            yield return PolicyViolation.Of(ReferencesResolve, pod.Owner, $"{field}.secretKeyRef.key",
                                $"Secret '{secretKey.Name}' has no key '{secretKey.Key}'");
                        }
                    }
                }
            }
        }
    }

    /// <summary>Null when the reference is pinned (a digest, or a tag other than latest).</summary>
    public static string? ImageProblem(string? image)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return "no image";
        }

        if (image.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        // The tag follows the last ':' after the last '/' (a ':' before it belongs to a registry's port).
        var name = image[(image.LastIndexOf('/') + 1)..];
        var colon = name.LastIndexOf(':');
        if (colon < 0)
        {
            return $"'{image}' has no tag, which means latest";
        }

        return name[(colon + 1)..] == "latest" ? $"'{image}' uses the latest tag" : null;
    }

    private static bool Selects(IDictionary<string, string> selector, PodTemplate pod) => pod.IsSelectedBy(selector);

    private static string Describe(IDictionary<string, string> selector) =>
        "{" + string.Join(", ", selector.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")) + "}";
}
