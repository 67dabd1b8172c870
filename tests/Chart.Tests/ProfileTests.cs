using Helm;
using k8s.Models;

namespace Chart.Tests;

/// <summary>The chart-testing profiles under charts/todo-app/ci, each proven the way the HelmLint stage proves it.</summary>
public sealed class ProfileTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    public static TheoryData<string> Profiles()
    {
        var data = new TheoryData<string>();
        foreach (var profile in ChartProfile.Discover(Path.Combine(HelmLocation.RepositoryRoot(), "charts", "todo-app")))
        {
            data.Add(profile.Name);
        }

        return data;
    }

    [Fact]
    public void The_five_profiles_are_found_beside_the_defaults()
    {
        var names = ChartProfile.Discover(chart.ChartDirectory).Select(p => p.Name);

        Assert.Equal(["default", "external-db", "kind", "minikube", "production-like", "rehearsal"], names);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Every_profile_passes_strict_lint_strict_parsing_and_the_policy(string profileName)
    {
        var profile = Assert.Single(ChartProfile.Discover(chart.ChartDirectory), p => p.Name == profileName);

        var verdict = await chart.Verification.VerifyAsync(profile);

        Assert.True(verdict.Passed, string.Join('\n', verdict.Failures));
        Assert.True(verdict.ObjectCount >= 10, $"only {verdict.ObjectCount} objects rendered");
    }

    [Fact]
    public async Task Minikube_exposes_the_ui_on_node_port_30080_and_never_pulls_the_app_images()
    {
        var manifest = await chart.RenderProfileAsync("minikube");

        var frontend = manifest.Single<V1Service>("todo-frontend");
        var port = Assert.Single(frontend.Spec.Ports);

        Assert.Equal("NodePort", frontend.Spec.Type);
        Assert.Equal(30080, port.NodePort);
        Assert.Equal("Never", manifest.Single<V1Deployment>("todo-backend").Container("backend").ImagePullPolicy);
        Assert.Equal("Never", manifest.Single<V1Deployment>("todo-frontend").Container("frontend").ImagePullPolicy);
        Assert.Equal("IfNotPresent", Assert.Single(manifest.Single<V1StatefulSet>("todo-postgresql").Spec.Template.Spec.Containers).ImagePullPolicy);
    }

    [Fact]
    public async Task Installing_the_minikube_profile_tells_how_to_open_the_ui_and_how_to_create_the_secret_it_needs()
    {
        var valuesFile = Path.Combine(chart.ChartDirectory, "ci", "minikube-values.yaml");

        // A client-side dry run: everything `helm install` does short of talking to a cluster, NOTES.txt included.
        var install = await chart.Helm.RunAsync(
            ["install", "todo", chart.ChartDirectory, "--namespace", "todo", "--dry-run=client", "--values", valuesFile]);

        Assert.Contains("minikube service todo-frontend -n todo --url", install.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("http://<any node address>:30080", install.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("no OPENAI_API_KEY seen, so the built-in interpreter answers", install.StandardOutput, StringComparison.Ordinal);
        // No generated secrets any more (issue 17): the signing key and the database password come from a Secret.
        Assert.Contains("WARNING: no AUTH_SIGNING_KEY seen", install.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--from-literal=POSTGRES_PASSWORD=", install.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installing_with_an_external_database_warns_until_the_database_url_exists()
    {
        var valuesFile = Path.Combine(chart.ChartDirectory, "ci", "external-db-values.yaml");

        var install = await chart.Helm.RunAsync(
            ["install", "todo", chart.ChartDirectory, "--namespace", "todo", "--dry-run=client", "--values", valuesFile]);

        Assert.Contains("WARNING: no DATABASE_URL found in Secret todo-app-secrets", install.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("kubectl create secret generic todo-app-secrets -n todo", install.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task External_db_renders_no_postgresql_and_reads_the_database_url_from_the_existing_secret()
    {
        var manifest = await chart.RenderProfileAsync("external-db");

        Assert.Empty(manifest.OfType<V1StatefulSet>());
        Assert.DoesNotContain(manifest.Objects, o => o.Name.Contains("postgresql", StringComparison.Ordinal));
        Assert.Empty(manifest.OfType<V1Secret>());
        var databaseUrl = manifest.Single<V1Deployment>("todo-backend").Container("backend").Env("DATABASE_URL").ValueFrom.SecretKeyRef;
        Assert.Equal(("todo-app-secrets", "DATABASE_URL", null), (databaseUrl.Name, databaseUrl.Key, databaseUrl.Optional));
    }

    [Fact]
    public async Task Production_like_autoscales_from_three_pods_and_leaves_the_replica_count_to_the_autoscaler()
    {
        var manifest = await chart.RenderProfileAsync("production-like");

        foreach (var name in new[] { "todo-backend", "todo-frontend" })
        {
            var autoscaler = manifest.Single<V2HorizontalPodAutoscaler>(name);
            Assert.Equal((3, 10), (autoscaler.Spec.MinReplicas, autoscaler.Spec.MaxReplicas));
            Assert.Equal(name, autoscaler.Spec.ScaleTargetRef.Name);
            Assert.Null(manifest.Single<V1Deployment>(name).Spec.Replicas);
            Assert.Equal("2", manifest.Single<V1PodDisruptionBudget>(name).Spec.MinAvailable.Value);
        }

        Assert.Equal("LoadBalancer", manifest.Single<V1Service>("todo-frontend").Spec.Type);
    }
}
