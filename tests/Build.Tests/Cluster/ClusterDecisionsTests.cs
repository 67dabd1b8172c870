using Cluster;
using k8s.Models;

namespace Build.Tests.Cluster;

public class ClusterDecisionsTests
{
    [Theory]
    [InlineData(null, true, false, false, ClusterKind.Kind, SmokeRouteKind.PortForward, false)]
    [InlineData(null, false, true, false, ClusterKind.Other, SmokeRouteKind.PortForward, false)]
    [InlineData(null, true, false, true, ClusterKind.Minikube, SmokeRouteKind.NodePort, false)]
    [InlineData(null, true, false, true, ClusterKind.Kind, SmokeRouteKind.PortForward, true)]
    [InlineData("http://localhost:8080", true, true, false, ClusterKind.Kind, SmokeRouteKind.NotCluster, false)]
    [InlineData(null, false, false, false, null, SmokeRouteKind.NotCluster, false)]
    public void The_smoke_suite_goes_to_the_cluster_after_a_deploy_or_when_a_context_is_named(
        string? baseUrl, bool deployed, bool contextGiven, bool nodePort, ClusterKind? kind, SmokeRouteKind route, bool explained)
    {
        var (chosen, problem) = SmokeRoute.Decide(baseUrl, deployed, contextGiven, nodePort, kind);

        Assert.Equal(route, chosen);
        Assert.Equal(explained, problem is not null);
    }

    [Theory]
    [InlineData(HostPlatform.MacOS, "docker", SmokeRouteKind.MinikubeServiceUrl)]
    [InlineData(HostPlatform.Windows, "docker", SmokeRouteKind.MinikubeServiceUrl)]
    [InlineData(HostPlatform.Wsl, "docker", SmokeRouteKind.MinikubeServiceUrl)]
    [InlineData(HostPlatform.MacOS, "podman", SmokeRouteKind.MinikubeServiceUrl)]
    [InlineData(HostPlatform.MacOS, null, SmokeRouteKind.MinikubeServiceUrl)]
    [InlineData(HostPlatform.MacOS, "qemu2", SmokeRouteKind.NodePort)]
    [InlineData(HostPlatform.Windows, "hyperv", SmokeRouteKind.NodePort)]
    [InlineData(HostPlatform.Linux, "docker", SmokeRouteKind.NodePort)]
    [InlineData(HostPlatform.Linux, "kvm2", SmokeRouteKind.NodePort)]
    public void Where_the_minikube_node_ip_is_unreachable_the_node_port_goes_through_minikube_service_url(
        HostPlatform host, string? driver, SmokeRouteKind route)
    {
        var (chosen, problem) = SmokeRoute.Decide(null, deployedThisRun: true, kubeContextGiven: false, nodePortRequested: true, ClusterKind.Minikube, host, driver);

        Assert.Equal(route, chosen);
        Assert.Equal(route == SmokeRouteKind.MinikubeServiceUrl, problem is not null);
    }

    [Fact]
    public void The_minikube_driver_is_read_from_profile_list_json()
    {
        // `minikube profile list -o json`, abridged: minikube's config.Profile with its ClusterConfig.
        const string json = """
            {"invalid":[{"Name":"broken","Status":"","Config":null}],
             "valid":[{"Name":"minikube","Status":"OK","Config":{"Name":"minikube","Driver":"docker","Memory":4000,"CPUs":2,
                       "KubernetesConfig":{"KubernetesVersion":"v1.34.0","ContainerRuntime":"docker"},"Nodes":[{"Name":"","IP":"192.168.49.2","Port":8443}]}},
                      {"Name":"vm","Status":"Stopped","Config":{"Name":"vm","Driver":"qemu2"}}]}
            """;

        Assert.Equal("docker", MinikubeServiceTunnel.DriverOf(json, "minikube"));
        Assert.Equal("qemu2", MinikubeServiceTunnel.DriverOf(json, "vm"));
        Assert.Null(MinikubeServiceTunnel.DriverOf(json, "broken"));
        Assert.Null(MinikubeServiceTunnel.DriverOf("""{"error":{"Op":"open","Path":"/home/me/.minikube/profiles","Err":2}}""", "minikube"));
        Assert.Null(MinikubeServiceTunnel.DriverOf("* Exiting due to MK_USAGE", "minikube"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:53412", "http://127.0.0.1:53412/")]
    [InlineData("http://192.168.49.2:30080\r", "http://192.168.49.2:30080/")]
    [InlineData("❗  Because you are using a Docker driver on darwin, the terminal needs to be open to run it.", null)]
    [InlineData("|-----------|---------------|-------------|------------------------|", null)]
    public void The_tunnel_url_is_the_line_minikube_service_url_prints(string line, string? url) =>
        Assert.Equal(url is null ? null : new Uri(url), MinikubeServiceTunnel.UrlIn(line.Replace("\\r", "\r", StringComparison.Ordinal)));

    [Fact]
    public void The_tunnel_is_asked_for_the_frontend_in_the_release_namespace_and_profile() =>
        Assert.Equal("service todo-frontend --namespace todo --profile demo --url",
            string.Join(' ', MinikubeServiceTunnel.Arguments("demo", "todo", "todo-frontend")));

    [Fact]
    public void The_minikube_node_port_url_is_the_node_ip_and_port() =>
        Assert.Equal(new Uri("http://192.168.49.2:30080/"), SmokeRoute.NodePortUrl("192.168.49.2\n", 30080));

    [Theory]
    [InlineData("8080", 8080)]
    [InlineData("http", 8080)]
    [InlineData("metrics", null)]
    [InlineData(null, 80)]
    public void A_service_port_targets_a_number_a_named_container_port_or_itself(string? targetPort, int? expected)
    {
        var servicePort = new V1ServicePort { Port = 80, TargetPort = targetPort is null ? null : (IntOrString)targetPort };
        var pod = new V1Pod
        {
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "frontend", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }] }] },
        };

        Assert.Equal(expected, ServiceEndpoint.TargetPort(servicePort, pod));
    }

    [Fact]
    public void Only_ready_pods_not_being_deleted_receive_forwarded_traffic()
    {
        V1Pod Pod(string ready, DateTime? deleting = null) => new()
        {
            Metadata = new V1ObjectMeta { DeletionTimestamp = deleting },
            Status = new V1PodStatus { Conditions = [new V1PodCondition { Type = "Ready", Status = ready }] },
        };

        Assert.True(ServiceEndpoint.IsReady(Pod("True")));
        Assert.False(ServiceEndpoint.IsReady(Pod("False")));
        Assert.False(ServiceEndpoint.IsReady(Pod("True", DateTime.UtcNow)));
    }

    [Fact]
    public void After_undeploy_the_data_is_kept_unless_asked_and_anything_else_is_reported()
    {
        Remnant[] remnants = [new("PersistentVolumeClaim", "data-todo-postgresql-0", false), new("Secret", "todo-postgresql", false)];

        var (clean, report) = ReleaseRemnants.Judge(remnants, dataDeleted: false);
        Assert.True(clean);
        Assert.Equal("nothing of the release is left; kept on purpose (pass --delete-data to remove): "
            + "persistentvolumeclaim/data-todo-postgresql-0, secret/todo-postgresql", report);

        var (cleanWithData, reportWithData) = ReleaseRemnants.Judge([.. remnants, new("Pod", "todo-backend-1", true)], dataDeleted: true);
        Assert.False(cleanWithData);
        Assert.Equal("3 objects of the release are still there: persistentvolumeclaim/data-todo-postgresql-0, "
            + "secret/todo-postgresql, pod/todo-backend-1 (terminating)", reportWithData);
    }

    [Fact]
    public void Both_backend_replicas_must_be_ready_and_answer_a_request_of_their_own()
    {
        var (passed, report) = BackendReplicas.Judge([new("todo-backend-a", true, 200, 12), new("todo-backend-b", true, 200, 0)]);
        Assert.True(passed);
        Assert.Equal("all 2 backend replicas serve (todo-backend-a: ready, direct request answered 200, 12 requests in its log; "
            + "todo-backend-b: ready, direct request answered 200)", report);

        Assert.False(BackendReplicas.Judge([new("todo-backend-a", true, 200, 3)]).Passed);
        Assert.False(BackendReplicas.Judge([new("a", true, 200, 0), new("b", true, 503, 0)]).Passed);
        Assert.False(BackendReplicas.Judge([new("a", true, 200, 0), new("b", false, null, 0)]).Passed);
    }

    [Fact]
    public void Requests_are_counted_from_aspnet_cores_request_finished_lines()
    {
        const string log = """
            {"Timestamp":"2026-11-24T01:00:00Z","EventId":2,"LogLevel":"Information","Category":"Microsoft.AspNetCore.Hosting.Diagnostics","Message":"Request finished HTTP/1.1 GET http://todo-backend:8000/api/tasks - 200"}
            {"Timestamp":"2026-11-24T01:00:01Z","LogLevel":"Information","Category":"Todo.Api","Message":"Chat model: built-in interpreter"}
            {"Timestamp":"2026-11-24T01:00:02Z","EventId":2,"LogLevel":"Information","Category":"Microsoft.AspNetCore.Hosting.Diagnostics","Message":"Request finished HTTP/1.1 POST http://todo-backend:8000/api/tasks - 201"}
            """;

        Assert.Equal(2, BackendReplicas.CountRequests(log));
    }
}
