using System.Text;
using Helm;
using k8s.Models;
using Rehearsal;

namespace Build.Tests.Rehearsal;

/// <summary>The kubelet's environment rules (Kubernetes docs, "Define Environment Variables for a Container" and
/// "Configure a Pod to Use a ConfigMap"): envFrom in order, then env, later entries winning; a missing source that is
/// not optional fails the container with CreateContainerConfigError; an optional one is skipped.</summary>
public sealed class ContainerEnvironmentTests
{
    private static readonly V1ConfigMap Config = new()
    {
        Metadata = new V1ObjectMeta { Name = "settings" },
        Data = new Dictionary<string, string> { ["LOG_LEVEL"] = "Information", ["MODE"] = "from-configmap" },
    };

    private static readonly V1Secret Secret = new()
    {
        Metadata = new V1ObjectMeta { Name = "keys" },
        Data = new Dictionary<string, byte[]> { ["TOKEN"] = Encoding.UTF8.GetBytes("t0ken") },
    };

    private static (PodPlan Pod, RehearsalPlan Plan) PodWith(V1Container container)
    {
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "app" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector(),
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta(), Spec = new V1PodSpec { Containers = [container] } },
            },
        };
        var plan = RehearsalPlan.From([deployment, Config], [Secret], "v");
        return (plan.Pods.Single(), plan);
    }

    [Fact]
    public void Env_entries_win_over_envFrom_and_secret_values_are_kept_apart()
    {
        var (pod, plan) = PodWith(new V1Container
        {
            Name = "app",
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "settings" } }],
            Env =
            [
                new V1EnvVar { Name = "MODE", Value = "from-env" },
                new V1EnvVar { Name = "TOKEN", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "keys", Key = "TOKEN" } } },
                new V1EnvVar { Name = "POD", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
            ],
        });

        var environment = ContainerEnvironment.Resolve(pod, pod.Spec.Containers[0], plan);

        Assert.Equal("from-env", environment.Plain["MODE"]);
        Assert.Equal("Information", environment.Plain["LOG_LEVEL"]);
        Assert.Equal("app-0", environment.Plain["POD"]);
        Assert.Equal("t0ken", environment.Secret["TOKEN"]);
        Assert.False(environment.Plain.ContainsKey("TOKEN"));
    }

    [Fact]
    public void An_optional_missing_key_is_skipped_and_a_required_one_fails_naming_pod_container_and_key()
    {
        var optional = new V1EnvVar { Name = "A", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "keys", Key = "MISSING", Optional = true } } };
        var required = new V1EnvVar { Name = "B", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "MISSING" } } };
        var (pod, plan) = PodWith(new V1Container { Name = "app", Env = [optional, required] });

        var error = Assert.Throws<RehearsalException>(() => ContainerEnvironment.Resolve(pod, pod.Spec.Containers[0], plan));

        Assert.Equal("pod app-0 (Deployment/app): container app would not start — CreateContainerConfigError: couldn't find key MISSING in ConfigMap settings", error.Message);
    }

    [Fact]
    public void A_missing_configmap_behind_envFrom_fails_unless_optional()
    {
        var (pod, plan) = PodWith(new V1Container
        {
            Name = "app",
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "absent" } }],
        });

        var error = Assert.Throws<RehearsalException>(() => ContainerEnvironment.Resolve(pod, pod.Spec.Containers[0], plan));

        Assert.Contains("configmap \"absent\" not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_source_it_cannot_rehearse_is_named_not_dropped()
    {
        var (pod, plan) = PodWith(new V1Container
        {
            Name = "app",
            Env = [new V1EnvVar { Name = "IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } }],
        });

        var error = Assert.Throws<RehearsalException>(() => ContainerEnvironment.Resolve(pod, pod.Spec.Containers[0], plan));

        Assert.Contains("env IP", error.Message, StringComparison.Ordinal);
    }
}
