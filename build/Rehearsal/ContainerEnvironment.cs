using System.Text;
using k8s.Models;

namespace Rehearsal;

/// <summary>
/// A container's environment as the kubelet builds it: <c>envFrom</c> sources in order, then <c>env</c> entries, later
/// ones winning. Values read from a Secret are kept apart so they reach <c>docker run</c> through its own environment,
/// never its command line. A missing ConfigMap, Secret or key that is not optional fails the way the kubelet fails the
/// container (<c>CreateContainerConfigError</c>).
/// </summary>
public sealed record ContainerEnvironment(IReadOnlyDictionary<string, string> Plain, IReadOnlyDictionary<string, string> Secret)
{
    public static ContainerEnvironment Resolve(PodPlan pod, V1Container container, RehearsalPlan plan)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(plan);
        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        var secret = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string name, string value, bool isSecret)
        {
            plain.Remove(name);
            secret.Remove(name);
            (isSecret ? secret : plain)[name] = value;
        }

        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } configMapRef)
            {
                if (plan.ConfigMaps.TryGetValue(configMapRef.Name, out var configMap))
                {
                    foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>())
                        Set((source.Prefix ?? "") + key, value, isSecret: false);
                }
                else if (configMapRef.Optional != true)
                {
                    throw Error(pod, container, $"configmap \"{configMapRef.Name}\" not found");
                }
            }
            else if (source.SecretRef is { } secretRef)
            {
                if (plan.Secrets.TryGetValue(secretRef.Name, out var found))
                {
                    foreach (var (key, value) in SecretData(found))
                        Set((source.Prefix ?? "") + key, value, isSecret: true);
                }
                else if (secretRef.Optional != true)
                {
                    throw Error(pod, container, $"secret \"{secretRef.Name}\" not found");
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            switch (variable)
            {
                case { ValueFrom: null }:
                    Set(variable.Name, variable.Value ?? "", isSecret: false);
                    break;
                case { ValueFrom.ConfigMapKeyRef: { } reference }:
                    var configMapData = plan.ConfigMaps.TryGetValue(reference.Name, out var configMapObject)
                        ? (configMapObject.Data ?? new Dictionary<string, string>())
                            .ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal)
                        : null;
                    if (Lookup(configMapData, reference.Name, "configmap", reference.Key, reference.Optional, pod,
                        container) is { } fromConfigMap)
                        Set(variable.Name, fromConfigMap, isSecret: false);
                    break;
                case { ValueFrom.SecretKeyRef: { } reference }:
                    var data = plan.Secrets.TryGetValue(reference.Name, out var secretObject) ? SecretData(secretObject) : null;
                    if (Lookup(data, reference.Name, "secret", reference.Key, reference.Optional, pod, container) is { } fromSecret)
                        Set(variable.Name, fromSecret, isSecret: true);
                    break;
                case { ValueFrom.FieldRef.FieldPath: "metadata.name" }:
                    Set(variable.Name, pod.Name, isSecret: false);
                    break;
                default:
                    throw Error(pod, container,
                        $"env {variable.Name}: only values, configMapKeyRef, secretKeyRef and fieldRef metadata.name are rehearsed");
            }
        }

        return new ContainerEnvironment(plain, secret);
    }

    /// <summary>A Secret's keys as the container sees them: <c>data</c> (already base64-decoded by the model) and
    /// <c>stringData</c>, which the API server merges into <c>data</c>, winning over it.</summary>
    public static IReadOnlyDictionary<string, string> SecretData(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var values = (secret.Data ?? new Dictionary<string, byte[]>())
            .ToDictionary(d => d.Key, d => Encoding.UTF8.GetString(d.Value), StringComparer.Ordinal);
        foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
            values[key] = value;
        return values;
    }

    static string? Lookup(IReadOnlyDictionary<string, string>? data, string objectName, string kind, string key, bool? optional,
        PodPlan pod, V1Container container)
    {
        if (data is null)
            return optional == true ? null : throw Error(pod, container, $"{kind} \"{objectName}\" not found");
        if (data.TryGetValue(key, out var value))
            return value;
        return optional == true ? null
            : throw Error(pod, container, $"couldn't find key {key} in {(kind == "secret" ? "Secret" : "ConfigMap")} {objectName}");
    }

    static RehearsalException Error(PodPlan pod, V1Container container, string reason) =>
        new($"{pod}: container {container.Name} would not start — CreateContainerConfigError: {reason}");
}
