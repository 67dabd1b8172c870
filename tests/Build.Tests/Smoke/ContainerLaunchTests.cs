using Local;

namespace Build.Tests.Smoke;

public class ContainerLaunchTests
{
    static readonly ContainerLaunch Backend = new("todo-backend-ab12", "todo-backend:1.0.0-0123456789ab", "todo-local-ab12", 8000)
    {
        RunId = "ab12",
        NetworkAliases = ["todo-backend"],
        Settings = new Dictionary<string, string> { ["SHUTDOWN_DRAIN_SECONDS"] = "2" },
        SecretSettings = ["DATABASE_URL", "AUTH_SIGNING_KEY"],
    };

    [Fact]
    public void The_port_is_published_on_loopback_only_on_a_port_the_kernel_picks()
    {
        var arguments = Backend.RunArguments();

        Assert.Equal("127.0.0.1::8000", arguments[arguments.ToList().IndexOf("--publish") + 1]);
    }

    [Fact]
    public void Secrets_are_passed_by_name_so_their_values_never_reach_a_command_line()
    {
        var arguments = Backend.RunArguments();

        Assert.Contains("DATABASE_URL", arguments);
        Assert.Contains("AUTH_SIGNING_KEY", arguments);
        Assert.DoesNotContain(arguments, argument => argument.StartsWith("DATABASE_URL=", StringComparison.Ordinal));
        Assert.Contains("SHUTDOWN_DRAIN_SECONDS=2", arguments);
    }

    [Fact]
    public void The_container_carries_the_run_label_its_network_and_alias_and_the_image_comes_last()
    {
        var arguments = Backend.RunArguments();

        Assert.Contains("todo.local-run=ab12", arguments);
        Assert.Contains("todo-local-ab12", arguments);
        Assert.Contains("todo-backend", arguments);
        Assert.Equal("todo-backend:1.0.0-0123456789ab", arguments[^1]);
    }

    [Fact]
    public void The_container_runs_read_only_without_capabilities()
    {
        var arguments = Backend.RunArguments();

        Assert.Contains("--read-only", arguments);
        Assert.Contains("ALL", arguments);
        Assert.Contains("no-new-privileges", arguments);
    }

    [Fact]
    public void The_published_url_is_read_from_docker_port_preferring_the_loopback_binding() =>
        Assert.Equal(new Uri("http://127.0.0.1:49153/"), ContainerLaunch.PublishedUrl("[::1]:49154\n127.0.0.1:49153\n"));

    [Fact]
    public void A_port_not_bound_to_loopback_is_an_error() =>
        Assert.Throws<InvalidOperationException>(() => ContainerLaunch.PublishedUrl("0.0.0.0:49153\n"));
}
