using Cluster;
using k8s;
using k8s.Models;

namespace Build.Tests.Cluster;

/// <summary>What Undeploy finds left of a release and how it judges it. Only the database's data is kept on purpose
/// (its volume claims and the <c>&lt;release&gt;-postgresql</c> Secret the chart keeps beside them); the build's own
/// Secret holds the model's API key and signing key, and Undeploy deletes it, so finding it left is a failure.</summary>
public class ReleaseRemnantsTests
{
    const string Selector = "app.kubernetes.io/instance=todo";

    [Fact]
    public void Without_delete_data_only_the_volume_claims_and_the_database_secret_are_kept_on_purpose()
    {
        Remnant[] remnants =
        [
            new("PersistentVolumeClaim", "data-todo-postgresql-0", false),
            new("Secret", "todo-postgresql", false),
            new("Secret", ReleaseSecret.DefaultName, false),
            new("Service", "todo-postgresql", false),
            new("ConfigMap", "todo-postgresql-init", false),
        ];

        var (clean, report) = ReleaseRemnants.Judge(remnants, dataDeleted: false);

        Assert.False(clean);
        Assert.Equal("3 objects of the release are still there: secret/todo-app-secrets, service/todo-postgresql, "
            + "configmap/todo-postgresql-init; kept on purpose (pass --delete-data to remove): "
            + "persistentvolumeclaim/data-todo-postgresql-0, secret/todo-postgresql", report);
    }

    [Fact]
    public void The_builds_own_secret_left_alone_is_never_counted_as_kept_data()
    {
        var (clean, report) = ReleaseRemnants.Judge([new Remnant("Secret", ReleaseSecret.DefaultName, Terminating: false)], dataDeleted: false);

        Assert.False(clean);
        Assert.Equal("1 objects of the release are still there: secret/todo-app-secrets", report);
    }

    [Fact]
    public void Nothing_left_is_clean_and_says_so_without_a_kept_list()
    {
        Assert.Equal((true, "nothing of the release is left"), ReleaseRemnants.Judge([], dataDeleted: false));
        Assert.Equal((true, "nothing of the release is left"), ReleaseRemnants.Judge([], dataDeleted: true));
    }

    [Fact]
    public async Task Every_kind_of_object_the_chart_creates_is_found_by_the_release_label_with_its_hook_and_termination()
    {
        await using var server = await FakeApiServer.StartAsync();
        Put(server, "/apis/apps/v1/namespaces/todo/deployments", new V1Deployment(), "todo-backend");
        Put(server, "/apis/apps/v1/namespaces/todo/statefulsets", new V1StatefulSet(), "todo-postgresql");
        Put(server, "/apis/batch/v1/namespaces/todo/jobs", new V1Job(), "todo-migrate", hook: "pre-upgrade");
        Put(server, "/api/v1/namespaces/todo/pods", new V1Pod(), "todo-backend-7c9d", terminating: true);
        Put(server, "/api/v1/namespaces/todo/services", new V1Service(), "todo-frontend");
        Put(server, "/api/v1/namespaces/todo/configmaps", new V1ConfigMap(), "todo-config");
        Put(server, "/api/v1/namespaces/todo/secrets", new V1Secret(), "todo-postgresql");
        Put(server, "/apis/networking.k8s.io/v1/namespaces/todo/networkpolicies", new V1NetworkPolicy(), "todo-backend");
        Put(server, "/apis/policy/v1/namespaces/todo/poddisruptionbudgets", new V1PodDisruptionBudget(), "todo-backend");
        Put(server, "/apis/autoscaling/v2/namespaces/todo/horizontalpodautoscalers", new V2HorizontalPodAutoscaler(), "todo-backend");
        Put(server, "/api/v1/namespaces/todo/persistentvolumeclaims", new V1PersistentVolumeClaim(), "data-todo-postgresql-0");
        // Another release's objects in the same namespace are not this release's remnants.
        Put(server, "/apis/apps/v1/namespaces/todo/deployments", new V1Deployment(), "other-backend", release: "other");
        Put(server, "/api/v1/namespaces/todo/persistentvolumeclaims", new V1PersistentVolumeClaim(), "data-other-postgresql-0", release: "other");

        var found = await ReleaseRemnants.ListAsync(server.Client(), "todo", Selector, ReleaseSecret.DefaultName, CancellationToken.None);

        Assert.Equal(
            [
                new Remnant("Deployment", "todo-backend", false),
                new Remnant("StatefulSet", "todo-postgresql", false),
                new Remnant("Job", "todo-migrate", false, Hook: true),
                new Remnant("Pod", "todo-backend-7c9d", true),
                new Remnant("Service", "todo-frontend", false),
                new Remnant("ConfigMap", "todo-config", false),
                new Remnant("Secret", "todo-postgresql", false),
                new Remnant("NetworkPolicy", "todo-backend", false),
                new Remnant("PodDisruptionBudget", "todo-backend", false),
                new Remnant("HorizontalPodAutoscaler", "todo-backend", false),
                new Remnant("PersistentVolumeClaim", "data-todo-postgresql-0", false),
            ],
            found);
    }

    [Fact]
    public async Task The_builds_own_secret_is_found_by_its_name_and_owner_label_even_without_the_release_label()
    {
        await using var server = await FakeApiServer.StartAsync();
        // ReleaseSecret creates it labelled managed-by the build, not with the chart's instance label.
        server.Store("/api/v1/namespaces/todo/secrets", "ADDED", new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = ReleaseSecret.DefaultName,
                Labels = new Dictionary<string, string> { [ReleaseSecret.ManagedByLabel] = ReleaseSecret.ManagedByValue },
            },
        });

        var found = await ReleaseRemnants.ListAsync(server.Client(), "todo", Selector, ReleaseSecret.DefaultName, CancellationToken.None);

        Assert.Equal([new Remnant("Secret", ReleaseSecret.DefaultName, false)], found);
        Assert.False(ReleaseRemnants.Judge(found, dataDeleted: false).Clean);
    }

    [Fact]
    public async Task The_builds_own_secret_carrying_the_release_label_too_is_listed_once()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.Store("/api/v1/namespaces/todo/secrets", "ADDED", new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = ReleaseSecret.DefaultName,
                DeletionTimestamp = DateTime.UtcNow,
                Labels = new Dictionary<string, string>
                {
                    [ReleaseSecret.ManagedByLabel] = ReleaseSecret.ManagedByValue,
                    [ReleaseHooks.InstanceLabel] = "todo",
                },
            },
        });

        var found = await ReleaseRemnants.ListAsync(server.Client(), "todo", Selector, ReleaseSecret.DefaultName, CancellationToken.None);

        Assert.Equal([new Remnant("Secret", ReleaseSecret.DefaultName, true)], found);
    }

    [Fact]
    public async Task A_secret_of_that_name_someone_else_made_is_not_the_releases_to_report()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.Store("/api/v1/namespaces/todo/secrets", "ADDED", new V1Secret { Metadata = new V1ObjectMeta { Name = ReleaseSecret.DefaultName } });

        var found = await ReleaseRemnants.ListAsync(server.Client(), "todo", Selector, ReleaseSecret.DefaultName, CancellationToken.None);

        Assert.Empty(found);
    }

    [Fact]
    public async Task Missing_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ReleaseRemnants.Judge(null!, dataDeleted: false));
        await Assert.ThrowsAsync<ArgumentNullException>(() =>
            ReleaseRemnants.ListAsync(null!, "todo", Selector, ReleaseSecret.DefaultName, CancellationToken.None));
    }

    // An object as helm installs it: the chart's instance label; a hook also carries helm.sh/hook; a terminating one
    // has its deletionTimestamp set (Kubernetes docs, "Finalizers"/"Pod Lifecycle": set on delete, until it is gone).
    static void Put<T>(FakeApiServer server, string collection, T item, string name, string release = "todo", string? hook = null, bool terminating = false)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        item.Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "todo",
            Labels = new Dictionary<string, string> { [ReleaseHooks.InstanceLabel] = release },
            Annotations = hook is null ? null : new Dictionary<string, string> { [ReleaseHooks.HookAnnotation] = hook },
            DeletionTimestamp = terminating ? DateTime.UtcNow : null,
        };
        server.Store(collection, "ADDED", item);
    }
}
