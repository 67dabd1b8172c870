using System.Text;
using Helm;
using k8s;
using k8s.Models;

namespace Chart.Tests;

/// <summary>Every policy rule, handed a compliant object (no finding) and a broken one (a finding naming the object,
/// the field and the rule): the checks HelmLint relies on can fail.</summary>
public sealed class ChartPolicyTests
{
    [Fact]
    public void A_compliant_workload_and_its_service_pass_every_rule()
    {
        IKubernetesObject[] objects = [Deployment(), Service()];

        Assert.Empty(ChartPolicy.Check(objects, objects));
    }

    [Theory]
    [InlineData("todo-backend:1.2.3", null)]
    [InlineData("registry.local:5000/todo-backend:1.2.3-abc", null)]
    [InlineData("todo-backend@sha256:0123", null)]
    [InlineData("todo-backend:latest", "'todo-backend:latest' uses the latest tag")]
    [InlineData("todo-backend", "'todo-backend' has no tag, which means latest")]
    [InlineData("registry.local:5000/todo-backend", "'registry.local:5000/todo-backend' has no tag, which means latest")]
    public void An_image_is_pinned_by_a_version_or_digest_never_by_latest(string image, string? problem)
    {
        Assert.Equal(problem, ChartPolicy.ImageProblem(image));
    }

    [Fact]
    public void A_latest_image_is_flagged_in_init_containers_too()
    {
        var deployment = Deployment(pod => pod.InitContainers = [Container("migrate", c => c.Image = "todo-backend:latest")]);

        var violation = Assert.Single(ChartPolicy.ImagesArePinned([deployment]));

        Assert.Equal(("Deployment", "todo-backend", "spec.template.spec.initContainers[migrate].image", ChartPolicy.PinnedImages),
            (violation.Kind, violation.Name, violation.Field, violation.Rule));
    }

    [Fact]
    public void A_serving_container_without_a_readiness_probe_is_flagged()
    {
        var deployment = Deployment(pod => pod.Containers[0].ReadinessProbe = null);

        var violation = Assert.Single(ChartPolicy.LongRunningContainersAreProbed([deployment]));

        Assert.Equal("spec.template.spec.containers[backend].readinessProbe", violation.Field);
        Assert.Equal("Deployment/todo-backend spec.template.spec.containers[backend].readinessProbe: missing (rule: "
            + ChartPolicy.Probed + ")", violation.ToString());
    }

    [Fact]
    public void A_helm_test_pod_runs_to_completion_and_needs_no_probes()
    {
        var container = Container("selftest", c => (c.LivenessProbe, c.ReadinessProbe) = (null, null));
        var test = new V1Pod
        {
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = "todo-selftest", Annotations = new Dictionary<string, string> { ["helm.sh/hook"] = "test" } },
            Spec = new V1PodSpec { Containers = [container], SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true } },
        };
        var bare = new V1Pod { Kind = "Pod", Metadata = new V1ObjectMeta { Name = "stray" }, Spec = new V1PodSpec { Containers = [container] } };

        Assert.Empty(ChartPolicy.LongRunningContainersAreProbed([test]));
        Assert.Equal(2, ChartPolicy.LongRunningContainersAreProbed([bare]).Count());
    }

    [Fact]
    public void A_container_without_a_memory_limit_is_flagged()
    {
        var deployment = Deployment(pod => pod.Containers[0].Resources.Limits.Remove("memory"));

        var violation = Assert.Single(ChartPolicy.ContainersAreBounded([deployment]));

        Assert.Equal("spec.template.spec.containers[backend].resources.limits.memory", violation.Field);
    }

    [Fact]
    public void A_container_without_any_resources_is_flagged_for_all_four()
    {
        var deployment = Deployment(pod => pod.Containers[0].Resources = null);

        Assert.Equal(4, ChartPolicy.ContainersAreBounded([deployment]).Count());
    }

    [Fact]
    public void Root_is_flagged_whether_by_uid_0_or_by_not_requiring_non_root()
    {
        var root = Deployment(pod => pod.Containers[0].SecurityContext.RunAsUser = 0);
        var unsure = Deployment(pod => (pod.Containers[0].SecurityContext.RunAsNonRoot, pod.SecurityContext) = (null, null));

        Assert.Equal("spec.template.spec.containers[backend].securityContext.runAsUser",
            Assert.Single(ChartPolicy.ContainersRunAsNonRoot([root])).Field);
        Assert.Equal("spec.template.spec.containers[backend].securityContext.runAsNonRoot",
            Assert.Single(ChartPolicy.ContainersRunAsNonRoot([unsure])).Field);
    }

    [Fact]
    public void Non_root_may_be_required_on_the_pod_instead_of_the_container()
    {
        var deployment = Deployment(pod =>
        {
            pod.Containers[0].SecurityContext.RunAsNonRoot = null;
            pod.SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 1654 };
        });

        Assert.Empty(ChartPolicy.ContainersRunAsNonRoot([deployment]));
    }

    [Fact]
    public void A_writable_root_filesystem_is_flagged()
    {
        var deployment = Deployment(pod => pod.Containers[0].SecurityContext.ReadOnlyRootFilesystem = false);

        Assert.Equal("spec.template.spec.containers[backend].securityContext.readOnlyRootFilesystem",
            Assert.Single(ChartPolicy.RootFilesystemsAreReadOnly([deployment])).Field);
    }

    [Fact]
    public void Privilege_escalation_and_kept_capabilities_are_flagged()
    {
        var deployment = Deployment(pod =>
        {
            pod.Containers[0].SecurityContext.AllowPrivilegeEscalation = true;
            pod.Containers[0].SecurityContext.Capabilities = new V1Capabilities { Drop = ["NET_RAW"] };
        });

        Assert.Equal(["allowPrivilegeEscalation", "capabilities.drop"],
            ChartPolicy.ContainersAreUnprivileged([deployment]).Select(v => v.Field.Split("securityContext.")[1]));
    }

    [Fact]
    public void A_service_whose_selector_matches_no_pod_is_flagged()
    {
        var service = Service(s => s.Spec.Selector["app.kubernetes.io/component"] = "backnd");

        var violation = Assert.Single(ChartPolicy.ServiceSelectorsMatchPods([Deployment(), service]));

        Assert.Equal(("Service", "todo-backend", "spec.selector"), (violation.Kind, violation.Name, violation.Field));
        Assert.Contains("app.kubernetes.io/component=backnd", violation.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_selecting_only_a_helm_test_pod_is_flagged()
    {
        var test = new V1Pod
        {
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = "todo-selftest",
                Labels = new Dictionary<string, string>(Labels),
                Annotations = new Dictionary<string, string> { ["helm.sh/hook"] = "test" },
            },
            Spec = new V1PodSpec { Containers = [Container("selftest")] },
        };

        Assert.Single(ChartPolicy.ServiceSelectorsMatchPods([test, Service()]));
    }

    [Fact]
    public void A_target_port_must_exist_on_the_selected_containers_by_name_or_number()
    {
        var byName = Service(s => s.Spec.Ports[0].TargetPort = "web");
        var byNumber = Service(s => s.Spec.Ports[0].TargetPort = 8000);
        var omitted = Service(s => (s.Spec.Ports[0].TargetPort, s.Spec.Ports[0].Port) = (null, 8000));

        var violation = Assert.Single(ChartPolicy.ServiceTargetPortsExist([Deployment(), byName]));
        Assert.Equal("spec.ports[http].targetPort", violation.Field);
        Assert.Contains("'web' is no container port of Deployment/todo-backend", violation.Problem, StringComparison.Ordinal);
        Assert.Empty(ChartPolicy.ServiceTargetPortsExist([Deployment(), byNumber]));
        Assert.Empty(ChartPolicy.ServiceTargetPortsExist([Deployment(), omitted]));
    }

    [Fact]
    public void A_secret_identical_in_two_renders_came_from_the_chart_and_is_flagged()
    {
        var written = Secret("AUTH_SIGNING_KEY", "in-a-values-file");
        var generatedFirst = Secret("password", "Xk3…first-random");
        var generatedSecond = Secret("password", "p9Q…second-random");

        var violation = Assert.Single(ChartPolicy.SecretsHoldNoChartMaterial([written], [Secret("AUTH_SIGNING_KEY", "in-a-values-file")]));

        Assert.Equal(("Secret", "todo-secrets", "data.AUTH_SIGNING_KEY", ChartPolicy.NoSecretMaterial),
            (violation.Kind, violation.Name, violation.Field, violation.Rule));
        Assert.Empty(ChartPolicy.SecretsHoldNoChartMaterial([generatedFirst], [generatedSecond]));
    }

    [Fact]
    public void Secret_string_data_is_checked_too()
    {
        var secret = new V1Secret
        {
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = "todo-secrets" },
            StringData = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "written-in-a-template" },
        };

        Assert.Equal("stringData.OPENAI_API_KEY", Assert.Single(ChartPolicy.SecretsHoldNoChartMaterial([secret], [secret])).Field);
    }

    [Fact]
    public void A_deployment_whose_selector_misses_its_own_template_is_flagged()
    {
        var deployment = Deployment();
        deployment.Spec.Selector.MatchLabels["app.kubernetes.io/component"] = "frontend";

        var violation = Assert.Single(ChartPolicy.WorkloadsSelectTheirOwnPods([deployment]));

        Assert.Equal(("todo-backend", "spec.selector.matchLabels", ChartPolicy.WorkloadsSelectOwnPods), (violation.Name, violation.Field, violation.Rule));
    }

    [Fact]
    public void A_config_map_that_the_chart_does_not_render_is_flagged()
    {
        var deployment = Deployment(pod => pod.Containers[0].EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "todo-backnd" } }]);
        var configMap = new V1ConfigMap { Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "todo-backend" } };

        var violation = Assert.Single(ChartPolicy.ConfigReferencesResolve([deployment, configMap]));

        Assert.Equal("spec.template.spec.containers[backend].envFrom[0].configMapRef.name", violation.Field);
        Assert.Contains("'todo-backnd' is not rendered", violation.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_of_a_rendered_secret_is_flagged_but_an_optional_one_or_an_external_secret_is_not()
    {
        static V1EnvVar FromSecret(string name, string secret, string key, bool? optional = null) => new()
        {
            Name = name,
            ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key, Optional = optional } },
        };
        var deployment = Deployment(pod => pod.Containers[0].Env =
        [
            FromSecret("DATABASE_URL", "todo-secrets", "DATABASE_URL"),
            FromSecret("OPENAI_API_KEY", "todo-secrets", "OPENAI_API_KEY", optional: true),
            FromSecret("AUTH_SIGNING_KEY", "created-by-the-user", "AUTH_SIGNING_KEY"),
        ]);

        var violation = Assert.Single(ChartPolicy.ConfigReferencesResolve([deployment, Secret("AUTH_SIGNING_KEY", "x")]));

        Assert.Equal("spec.template.spec.containers[backend].env[DATABASE_URL].valueFrom.secretKeyRef.key", violation.Field);
    }

    private static readonly Dictionary<string, string> Labels = new()
    {
        ["app.kubernetes.io/name"] = "todo-app",
        ["app.kubernetes.io/component"] = "backend",
    };

    private static V1Deployment Deployment(Action<V1PodSpec>? breakIt = null)
    {
        var pod = new V1PodSpec
        {
            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true },
            Containers = [Container("backend")],
        };
        breakIt?.Invoke(pod);
        return new V1Deployment
        {
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "todo-backend" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(Labels) },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(Labels) }, Spec = pod },
            },
        };
    }

    private static V1Container Container(string name, Action<V1Container>? change = null)
    {
        var container = new V1Container
        {
            Name = name,
            Image = "todo-backend:1.2.3",
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8000 }],
            LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/health/live", Port = "http" } },
            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/health/ready", Port = "http" } },
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("128Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("512Mi") },
            },
            SecurityContext = new V1SecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = 1654,
                ReadOnlyRootFilesystem = true,
                AllowPrivilegeEscalation = false,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
            },
        };
        change?.Invoke(container);
        return container;
    }

    private static V1Service Service(Action<V1Service>? breakIt = null)
    {
        var service = new V1Service
        {
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = "todo-backend" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string>(Labels),
                Ports = [new V1ServicePort { Name = "http", Port = 8000, TargetPort = "http" }],
            },
        };
        breakIt?.Invoke(service);
        return service;
    }

    private static V1Secret Secret(string key, string value) => new()
    {
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = "todo-secrets" },
        Data = new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(value) },
    };
}
