using System.Text;
using Helm;
using Cluster;
using k8s.Models;
using Rehearsal;

namespace Chart.Tests;

/// <summary>
/// What the rehearsal makes of the chart's real render: each pod of the release becomes <c>docker run</c> with the
/// settings the chart gives it (user, read-only root, capabilities, limits, volumes, environment), so a mistake in the
/// chart shows up on this machine. The pods themselves run in `./build.sh Rehearse`.
/// </summary>
public sealed class RehearsalTranslationTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    private static readonly RehearsalRun Run = new("r1", "todo-local-r1", "/tmp/todo-local-r1/files");

    /// <summary>The build's own Secret, composed by the code HelmInstall uses, with the external database the rehearsal starts.</summary>
    private static readonly V1Secret BuildSecret = ReleaseSecret.Plan("todo-app-secrets", "todo",
        new SecretInputs(null, "postgres://todo:s3cret@172.18.0.1:5432/todo", null), existing: null, newSigningKey: () => new string('k', 64)).Secret!;

    private Task<RenderedManifest> RenderRehearsalAsync(params (string Key, string Value)[] settings)
    {
        var values = new ChartValues([Path.Combine(chart.ChartDirectory, "ci", "rehearsal-values.yaml")], new Dictionary<string, string>());
        foreach (var (key, value) in settings)
            values = values.With(key, value);
        return chart.RenderAsync(values);
    }

    private async Task<RehearsalPlan> PlanAsync(params (string Key, string Value)[] settings) =>
        RehearsalPlan.From((await RenderRehearsalAsync(settings)).Resources(), [BuildSecret], "todo-local-r1");

    [Fact]
    public async Task Every_deployment_runs_its_rendered_replicas_and_the_helm_test_pod_runs_after_them()
    {
        var plan = await PlanAsync(("database.mode", "external"));

        Assert.Equal(["todo-backend-0", "todo-backend-1", "todo-frontend-0", "todo-frontend-1"], plan.Pods.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("todo-selftest", Assert.Single(plan.Tests).Name);
        Assert.All(plan.Pods.Where(p => p.Name.StartsWith("todo-backend", StringComparison.Ordinal)), p => Assert.Equal(["todo-backend"], p.ServiceNames));
    }

    [Fact]
    public async Task A_backend_container_runs_with_the_charts_user_read_only_root_no_capabilities_and_limits()
    {
        var plan = await PlanAsync(("database.mode", "external"));
        var pod = plan.Pods.First(p => p.Name == "todo-backend-0");

        var run = DockerRunCommand.For(pod, pod.Spec.Containers[0], isInit: false, plan, Run);

        var arguments = string.Join(' ', run.Arguments);
        Assert.Contains("--user 1654:1654", arguments, StringComparison.Ordinal);
        Assert.Contains("--read-only", run.Arguments);
        Assert.Contains("--cap-drop ALL", arguments, StringComparison.Ordinal);
        Assert.Contains("--security-opt no-new-privileges", arguments, StringComparison.Ordinal);
        Assert.Contains("--memory=536870912", run.Arguments); // limits.memory 512Mi
        Assert.Contains("--cpus=1", run.Arguments);
        Assert.Contains("--stop-timeout 45", arguments, StringComparison.Ordinal);
        Assert.Contains("--tmpfs /tmp:rw,exec,nosuid,nodev,mode=1777,size=67108864", arguments, StringComparison.Ordinal);
        Assert.Contains("--network-alias todo-backend", arguments, StringComparison.Ordinal);
        Assert.Contains("--publish 127.0.0.1::8000", arguments, StringComparison.Ordinal);
        Assert.Contains("--pull never", arguments, StringComparison.Ordinal);
        Assert.Contains("--env MIGRATE_ON_STARTUP=false", arguments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_values_reach_docker_through_its_environment_never_its_command_line()
    {
        var plan = await PlanAsync(("database.mode", "external"));
        var pod = plan.Pods.First(p => p.Name == "todo-backend-0");

        var run = DockerRunCommand.For(pod, pod.Spec.Containers[0], isInit: false, plan, Run);

        Assert.Equal("postgres://todo:s3cret@172.18.0.1:5432/todo", run.Environment["DATABASE_URL"]);
        Assert.Contains("DATABASE_URL", run.Arguments);
        Assert.DoesNotContain(run.Arguments, a => a.Contains("s3cret", StringComparison.Ordinal) || a.Contains("kkkk", StringComparison.Ordinal));
        // OPENAI_API_KEY is an optional key the Secret does not hold: the container starts without it, as on a node.
        Assert.False(run.Environment.ContainsKey("OPENAI_API_KEY"));
    }

    [Fact]
    public async Task The_migrate_init_container_runs_the_images_migrate_verb_with_the_same_hardening()
    {
        var plan = await PlanAsync(("database.mode", "external"));
        var pod = plan.Pods.First(p => p.Name == "todo-backend-0");

        var init = DockerRunCommand.For(pod, Assert.Single(pod.Spec.InitContainers), isInit: true, plan, Run);

        Assert.Equal("migrate", init.Arguments[^1]);
        Assert.Contains("--read-only", init.Arguments);
        Assert.DoesNotContain("--network-alias", init.Arguments);
        Assert.True(init.Environment.ContainsKey("DATABASE_URL"));
    }

    [Fact]
    public async Task A_missing_required_secret_key_fails_like_CreateContainerConfigError()
    {
        var secretWithoutDatabase = new V1Secret { Metadata = new V1ObjectMeta { Name = "todo-app-secrets" }, Data = new Dictionary<string, byte[]>() };
        var plan = RehearsalPlan.From((await RenderRehearsalAsync(("database.mode", "external"))).Resources(), [secretWithoutDatabase], "v");
        var pod = plan.Pods.First(p => p.Name == "todo-backend-0");

        var error = Assert.Throws<RehearsalException>(() => DockerRunCommand.For(pod, pod.Spec.Containers[0], isInit: false, plan, Run));

        Assert.Contains("pod todo-backend-0", error.Message, StringComparison.Ordinal);
        Assert.Contains("CreateContainerConfigError: couldn't find key DATABASE_URL in Secret todo-app-secrets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_service_ports_need_a_relay_so_the_rehearsal_says_which_profile_to_use()
    {
        var manifest = await chart.RenderDefaultsAsync();

        var error = Assert.Throws<RehearsalException>(() => RehearsalPlan.From(manifest.Resources(), [BuildSecret], "v"));

        Assert.Contains("Service/todo-frontend port 80 targets container port 8080", error.Message, StringComparison.Ordinal);
        Assert.Contains("rehearsal-values.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_it_does_not_run_are_named_not_dropped()
    {
        var plan = await PlanAsync();

        Assert.Contains(plan.NotHonoured, n => n.StartsWith("NetworkPolicy/todo-backend: not enforced", StringComparison.Ordinal));
        Assert.Contains(plan.NotHonoured, n => n.StartsWith("PodDisruptionBudget/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_in_cluster_database_runs_as_its_statefulset_with_a_volume_for_its_claim()
    {
        // Without --database-url the build's Secret carries the generated in-cluster database password.
        var inClusterSecret = ReleaseSecret.Plan("todo-app-secrets", "todo", new SecretInputs(null, null, null), existing: null, newSigningKey: () => new string('k', 64)).Secret!;
        var plan = RehearsalPlan.From((await RenderRehearsalAsync()).Resources(), [inClusterSecret], "todo-local-r1");
        var pod = Assert.Single(plan.Pods, p => p.Name == "todo-postgresql-0");

        var run = DockerRunCommand.For(pod, pod.Spec.Containers[0], isInit: false, plan, Run);

        Assert.Contains("--user 999:999", string.Join(' ', run.Arguments), StringComparison.Ordinal);
        Assert.Contains("type=volume,source=todo-local-r1-data-todo-postgresql-0,target=/var/lib/postgresql/data", run.Arguments);
        Assert.Contains("--network-alias todo-postgresql", string.Join(' ', run.Arguments), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_autoscaling_a_deployment_starts_at_its_autoscalers_minimum()
    {
        var values = new ChartValues(
            [Path.Combine(chart.ChartDirectory, "ci", "production-like-values.yaml"), Path.Combine(chart.ChartDirectory, "ci", "rehearsal-values.yaml")],
            new Dictionary<string, string>());
        var plan = RehearsalPlan.From((await chart.RenderAsync(values)).Resources(), [BuildSecret], "v");

        Assert.Equal(3, plan.Pods.Count(p => p.Name.StartsWith("todo-backend-", StringComparison.Ordinal)));
        Assert.Contains(plan.NotHonoured, n => n.StartsWith("Service/todo-frontend type LoadBalancer", StringComparison.Ordinal));
    }
}
