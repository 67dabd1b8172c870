using Helm;
using k8s.Models;

namespace Chart.Tests;

/// <summary>What `helm install todo charts/todo-app` creates with the default values.</summary>
public sealed class DefaultInstallTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Theory]
    [InlineData("todo-backend", "backend", 8000)]
    [InlineData("todo-frontend", "frontend", 8080)]
    public async Task Each_app_runs_two_replicas_serving_http_on_its_port(string deploymentName, string container, int port)
    {
        var manifest = await chart.RenderDefaultsAsync();

        var deployment = manifest.Single<V1Deployment>(deploymentName);

        Assert.Equal(2, deployment.Spec.Replicas);
        var http = Assert.Single(deployment.Container(container).Ports);
        Assert.Equal(("http", port, "TCP"), (http.Name, http.ContainerPort, http.Protocol));
    }

    [Theory]
    [InlineData("todo-backend", "backend")]
    [InlineData("todo-frontend", "frontend")]
    public async Task Each_app_is_probed_on_its_health_endpoints(string deploymentName, string container)
    {
        var manifest = await chart.RenderDefaultsAsync();

        var app = manifest.Single<V1Deployment>(deploymentName).Container(container);

        Assert.Equal("/health/live", app.StartupProbe.HttpGet.Path);
        Assert.Equal("/health/live", app.LivenessProbe.HttpGet.Path);
        Assert.Equal("/health/ready", app.ReadinessProbe.HttpGet.Path);
        Assert.All([app.StartupProbe, app.LivenessProbe, app.ReadinessProbe], p => Assert.Equal("http", p.HttpGet.Port.Value));
    }

    [Theory]
    [InlineData("todo-backend", "backend")]
    [InlineData("todo-frontend", "frontend")]
    public async Task Each_app_has_two_minutes_to_start_with_three_seconds_per_try(string deploymentName, string container)
    {
        var manifest = await chart.RenderDefaultsAsync();

        var startup = manifest.Single<V1Deployment>(deploymentName).Container(container).StartupProbe;

        // A first request under the CPU limit on a busy node took over a second in the rehearsal: the default 1 s
        // timeout and a 60 s budget killed a healthy frontend.
        Assert.Equal(3, startup.TimeoutSeconds);
        Assert.True(startup.PeriodSeconds * startup.FailureThreshold >= 120, $"startup budget {startup.PeriodSeconds} s × {startup.FailureThreshold}");
    }

    [Theory]
    [InlineData("todo-backend", "backend", 8000)]
    [InlineData("todo-frontend", "frontend", 80)]
    [InlineData("todo-postgresql", "postgresql", 5432)]
    public async Task Each_service_selects_exactly_its_own_component(string serviceName, string component, int port)
    {
        var manifest = await chart.RenderDefaultsAsync();

        var service = manifest.Single<V1Service>(serviceName);
        var podLabels = PodTemplate.In(manifest.Resources()).Where(p => !p.IsHook).Select(p => p.Labels).ToList();
        var selected = podLabels.Where(labels => service.Spec.Selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value)).ToList();

        var only = Assert.Single(selected);
        Assert.Equal(component, only["app.kubernetes.io/component"]);
        Assert.Equal(port, Assert.Single(service.Spec.Ports).Port);
    }

    [Fact]
    public async Task The_backend_service_is_internal_and_the_frontend_service_defaults_to_cluster_ip()
    {
        var manifest = await chart.RenderDefaultsAsync();

        Assert.Equal("ClusterIP", manifest.Single<V1Service>("todo-backend").Spec.Type);
        Assert.Equal("ClusterIP", manifest.Single<V1Service>("todo-frontend").Spec.Type);
        Assert.Equal("None", manifest.Single<V1Service>("todo-postgresql").Spec.ClusterIP);
    }

    [Fact]
    public async Task The_frontend_reaches_the_backend_by_its_service_dns_name()
    {
        var manifest = await chart.RenderDefaultsAsync();

        var frontend = manifest.Single<V1Deployment>("todo-frontend").Container("frontend");
        var configMapName = Assert.Single(frontend.EnvFrom).ConfigMapRef.Name;
        var backendService = manifest.Single<V1Service>("todo-backend");

        Assert.Equal("http://todo-backend:8000", manifest.Single<V1ConfigMap>(configMapName).Data["BACKEND_URL"]);
        Assert.Equal(8000, Assert.Single(backendService.Spec.Ports).Port);
    }

    [Fact]
    public async Task The_backend_takes_its_secrets_from_the_existing_secret_and_only_a_password_for_the_in_cluster_database()
    {
        var manifest = await chart.RenderDefaultsAsync();

        var backend = manifest.Single<V1Deployment>("todo-backend").Container("backend");

        var signingKey = backend.Env("AUTH_SIGNING_KEY").ValueFrom.SecretKeyRef;
        Assert.Equal(("todo-app-secrets", "AUTH_SIGNING_KEY", true), (signingKey.Name, signingKey.Key, signingKey.Optional));
        var previousKeys = backend.Env("AUTH_PREVIOUS_SIGNING_KEYS").ValueFrom.SecretKeyRef;
        Assert.Equal(("todo-app-secrets", "AUTH_PREVIOUS_SIGNING_KEYS", true), (previousKeys.Name, previousKeys.Key, previousKeys.Optional));
        var modelKey = backend.Env("OPENAI_API_KEY").ValueFrom.SecretKeyRef;
        Assert.Equal(("todo-app-secrets", "OPENAI_API_KEY", true), (modelKey.Name, modelKey.Key, modelKey.Optional));
        // The URL carries no secret and says how it connects; the password comes on its own from the Secret.
        Assert.Equal("postgres://todo@todo-postgresql:5432/todo?sslmode=disable", backend.Env("DATABASE_URL").Value);
        var password = backend.Env("DATABASE_PASSWORD").ValueFrom.SecretKeyRef;
        Assert.Equal(("todo-app-secrets", "POSTGRES_PASSWORD", null), (password.Name, password.Key, password.Optional));
        Assert.All(backend.Env.Where(e => e.Name != "DATABASE_URL"), e => Assert.Null(e.Value));
    }

    /// <summary>
    /// Issue 17, finding 6: the chart used to generate the password (lookup, else random), so every render that
    /// cannot see the cluster (helm template, Argo CD, Flux) produced a new one while the volume kept the first.
    /// </summary>
    [Fact]
    public async Task Default_values_render_no_secret_at_all_and_two_renders_are_identical()
    {
        var first = await chart.Verification.RenderAsync(ChartValues.Defaults);
        var second = await chart.Verification.RenderAsync(ChartValues.Defaults);

        Assert.Empty(first.OfType<V1Secret>());
        static string Text(RenderedManifest manifest) => string.Join("\n---\n", manifest.Objects.Select(o => k8s.KubernetesYaml.Serialize(o.Resource)));
        Assert.Equal(Text(first), Text(second));
        var database = first.Single<V1StatefulSet>("todo-postgresql").Spec.Template.Spec.Containers[0];
        var password = database.Env("POSTGRES_PASSWORD").ValueFrom.SecretKeyRef;
        Assert.Equal(("todo-app-secrets", "POSTGRES_PASSWORD"), (password.Name, password.Key));
    }

    [Fact]
    public async Task The_database_password_can_come_from_its_own_existing_secret_or_from_a_value()
    {
        var fromSecret = await chart.RenderAsync(ChartValues.Defaults.With("postgresql.auth.existingSecret", "db-credentials").With("postgresql.auth.secretKey", "pw"));
        var fromValue = await chart.RenderAsync(ChartValues.Defaults.With("postgresql.auth.password", "not-a-real-password"));

        foreach (var (manifest, name, key) in new[] { (fromSecret, "db-credentials", "pw"), (fromValue, "todo-postgresql", "password") })
        {
            var database = manifest.Single<V1StatefulSet>("todo-postgresql").Spec.Template.Spec.Containers[0].Env("POSTGRES_PASSWORD").ValueFrom.SecretKeyRef;
            var backend = manifest.Single<V1Deployment>("todo-backend").Container("backend").Env("DATABASE_PASSWORD").ValueFrom.SecretKeyRef;
            Assert.Equal((name, key), (database.Name, database.Key));
            Assert.Equal((name, key), (backend.Name, backend.Key));
        }

        Assert.Empty(fromSecret.OfType<V1Secret>());
        var rendered = fromValue.Single<V1Secret>("todo-postgresql");
        Assert.Equal("not-a-real-password", System.Text.Encoding.UTF8.GetString(rendered.Data["password"]));
    }

    [Fact]
    public async Task The_database_is_a_stateful_set_with_a_volume_claim_and_the_official_image()
    {
        var manifest = await chart.RenderDefaultsAsync();

        var database = manifest.Single<V1StatefulSet>("todo-postgresql");

        Assert.Equal("todo-postgresql", database.Spec.ServiceName);
        Assert.Equal("docker.io/library/postgres:17.6", Assert.Single(database.Spec.Template.Spec.Containers).Image);
        var claim = Assert.Single(database.Spec.VolumeClaimTemplates);
        Assert.Equal("1Gi", claim.Spec.Resources.Requests["storage"].ToString());
    }

    [Fact]
    public async Task Migrations_run_in_an_init_container_of_the_backend_image_before_the_app_starts()
    {
        var manifest = await chart.RenderDefaultsAsync();

        var pod = manifest.Single<V1Deployment>("todo-backend").Spec.Template.Spec;

        var migrate = Assert.Single(pod.InitContainers);
        Assert.Equal(["migrate"], migrate.Args);
        Assert.Equal(pod.Containers[0].Image, migrate.Image);
        Assert.Equal("todo-app-secrets", migrate.Env("DATABASE_PASSWORD").ValueFrom.SecretKeyRef.Name);
        Assert.Equal(["DATABASE_URL", "DATABASE_PASSWORD"], migrate.Env.Select(e => e.Name)); // least privilege: no model or signing key
        Assert.Equal("false", manifest.Single<V1ConfigMap>("todo-backend").Data["MIGRATE_ON_STARTUP"]);
    }

    [Fact]
    public async Task Without_the_migrate_init_container_the_app_migrates_at_startup()
    {
        var manifest = await chart.RenderAsync(ChartValues.Defaults.With("migrations.enabled", "false"));

        Assert.Null(manifest.Single<V1Deployment>("todo-backend").Spec.Template.Spec.InitContainers);
        Assert.Equal("true", manifest.Single<V1ConfigMap>("todo-backend").Data["MIGRATE_ON_STARTUP"]);
    }

    [Fact]
    public async Task Images_default_to_the_charts_app_version_and_pull_if_not_present()
    {
        var manifest = await chart.RenderDefaultsAsync();

        var backend = manifest.Single<V1Deployment>("todo-backend").Container("backend");
        var frontend = manifest.Single<V1Deployment>("todo-frontend").Container("frontend");

        Assert.Equal("todo-backend:0.1.0", backend.Image);
        Assert.Equal("todo-frontend:0.1.0", frontend.Image);
        Assert.All([backend, frontend], c => Assert.Equal("IfNotPresent", c.ImagePullPolicy));
    }

    [Fact]
    public async Task Every_pod_runs_as_uid_1654_or_postgres_without_privileges_or_a_service_account_token()
    {
        var manifest = await chart.RenderDefaultsAsync();

        foreach (var pod in PodTemplate.In(manifest.Resources()))
        {
            Assert.False(pod.Spec.AutomountServiceAccountToken);
            Assert.Equal("RuntimeDefault", pod.Spec.SecurityContext.SeccompProfile.Type);
            foreach (var (container, _, _) in pod.Containers)
            {
                var context = container.SecurityContext;
                Assert.Equal(container.Name == "postgresql" ? 999 : 1654, context.RunAsUser);
                Assert.True(context.RunAsNonRoot);
                Assert.True(context.ReadOnlyRootFilesystem);
                Assert.False(context.AllowPrivilegeEscalation);
                Assert.Equal(["ALL"], context.Capabilities.Drop);
                Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp");
            }
        }
    }

    [Theory]
    [InlineData("todo-backend")]
    [InlineData("todo-frontend")]
    public async Task Rollouts_never_drop_below_the_running_capacity_and_a_budget_guards_disruptions(string name)
    {
        var manifest = await chart.RenderDefaultsAsync();

        var strategy = manifest.Single<V1Deployment>(name).Spec.Strategy;

        Assert.Equal("RollingUpdate", strategy.Type);
        Assert.Equal("0", strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("1", manifest.Single<V1PodDisruptionBudget>(name).Spec.MinAvailable.Value);
        Assert.False(manifest.Has<V2HorizontalPodAutoscaler>(name));
    }

    [Fact]
    public async Task A_changed_setting_changes_the_config_checksum_so_the_pods_roll()
    {
        var before = await chart.RenderDefaultsAsync();
        var after = await chart.RenderAsync(ChartValues.Defaults.With("model.name", "llama3.2"));

        static string Checksum(Helm.RenderedManifest m) =>
            m.Single<V1Deployment>("todo-backend").Spec.Template.Metadata.Annotations["checksum/config"];

        Assert.Equal("llama3.2", after.Single<V1ConfigMap>("todo-backend").Data["OPENAI_MODEL"]);
        Assert.NotEqual(Checksum(before), Checksum(after));
    }

    [Fact]
    public async Task Network_policies_let_only_the_backend_reach_the_database_and_only_the_frontend_and_tests_reach_the_backend()
    {
        var manifest = await chart.RenderDefaultsAsync();

        static IEnumerable<string> AllowedComponents(V1NetworkPolicy policy) =>
            policy.Spec.Ingress.SelectMany(rule => rule.FromProperty ?? []).Select(peer => peer.PodSelector.MatchLabels["app.kubernetes.io/component"]);

        Assert.Equal(["backend"], AllowedComponents(manifest.Single<V1NetworkPolicy>("todo-postgresql")));
        Assert.Equal(["frontend", "selftest"], AllowedComponents(manifest.Single<V1NetworkPolicy>("todo-backend")).Order(StringComparer.Ordinal));
        Assert.Equal("postgresql", Assert.Single(Assert.Single(manifest.Single<V1NetworkPolicy>("todo-postgresql").Spec.Ingress).Ports).Port.Value);
    }

    [Fact]
    public async Task Helm_test_runs_the_backend_image_selftest_against_both_services()
    {
        var manifest = await chart.RenderDefaultsAsync();

        var test = manifest.Single<V1Pod>("todo-selftest");
        var selftest = Assert.Single(test.Spec.Containers);

        Assert.Equal("test", test.Metadata.Annotations["helm.sh/hook"]);
        Assert.Equal("Never", test.Spec.RestartPolicy);
        Assert.Equal(manifest.Single<V1Deployment>("todo-backend").Container("backend").Image, selftest.Image);
        Assert.Equal(["selftest"], selftest.Args);
        Assert.Equal("http://todo-backend:8000", selftest.Env("SELFTEST_BACKEND_URL").Value);
        Assert.Equal("http://todo-frontend:80", selftest.Env("SELFTEST_FRONTEND_URL").Value);
    }
}
