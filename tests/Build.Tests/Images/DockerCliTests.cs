using Tools;
using Engine;
using Images;
using Rehearsal;

namespace Build.Tests.Images;

/// <summary>--docker-cli reaches every docker command the build runs, not only the image stage's: the Docker
/// requirement, the Resilience verbs (kill, wait, the replica count) and, as data, a registry push and the kind/k3d
/// node queries. The client under test is the real docker behind a recording wrapper with another name.</summary>
public sealed class DockerCliTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("docker-cli-").FullName;
    readonly string wrapper;
    readonly string log;

    public DockerCliTests()
    {
        wrapper = Path.Combine(directory, "docker-under-test");
        log = Path.Combine(directory, "calls.log");
        var real = ExecutableSearch.OnPath("docker") ?? throw new InvalidOperationException("these tests need the docker CLI");
        File.WriteAllText(wrapper, $"#!/bin/sh\necho \"$*\" >> '{log}'\nexec '{real}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    string[] Calls => File.Exists(log) ? File.ReadAllLines(log) : [];

    [Fact]
    public async Task The_docker_requirement_asks_the_configured_client()
    {
        var remedy = await DockerRequirements.DaemonAnswers(() => new Docker(wrapper, DockerBuilder.Classic)).Check(CancellationToken.None);

        Assert.Null(remedy);
        Assert.Contains("version --format {{.Server.Version}}", Calls);
    }

    [Fact]
    public async Task A_configured_client_that_does_not_exist_is_named_in_the_remedy()
    {
        var remedy = await DockerRequirements.DaemonAnswers(() => new Docker("docker-nowhere", DockerBuilder.Classic)).Check(CancellationToken.None);

        Assert.NotNull(remedy);
        Assert.Contains("'docker-nowhere' is not on PATH", remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resilience_kills_waits_and_counts_replicas_through_the_configured_client()
    {
        var docker = new Docker(wrapper, DockerBuilder.Classic);
        var runId = $"no-such-run-{Guid.NewGuid():N}";

        var pods = await docker.ContainerLabelValuesAsync(RehearsalRun.RunLabel, runId, RehearsalRun.PodLabel, CancellationToken.None);
        await Assert.ThrowsAsync<ProcessFailedException>(() => docker.KillAsync("todo-no-such-container", "TERM", CancellationToken.None));
        await Assert.ThrowsAsync<ProcessFailedException>(() => docker.WaitAsync("todo-no-such-container", TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Empty(pods);
        Assert.Equal(
            [
                $"ps --filter label={RehearsalRun.RunLabel}={runId} --format {{{{.Label \"{RehearsalRun.PodLabel}\"}}}}",
                "kill --signal TERM todo-no-such-container",
                "wait todo-no-such-container",
            ],
            Calls);
    }

    [Fact]
    public async Task A_container_run_gets_its_secret_by_name_only_its_volume_and_its_command_after_the_image()
    {
        // This client also notes the secret it was handed in its own environment, where docker run --env NAME reads it.
        var seen = Path.Combine(directory, "secret.seen");
        var client = Path.Combine(directory, "docker-with-secret");
        var real = ExecutableSearch.OnPath("docker")!;
        File.WriteAllText(client, $"#!/bin/sh\necho \"$*\" >> '{log}'\necho \"$AUTH_SIGNING_KEY\" > '{seen}'\nexec '{real}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(client, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var extras = new ContainerExtras
        {
            Secrets = new Dictionary<string, string> { ["AUTH_SIGNING_KEY"] = "a-secret-value" },
            Volume = "todo-startup-test:/tmp",
            Arguments = ["migrate"],
        };

        await Assert.ThrowsAsync<ProcessFailedException>(() => new Docker(client, DockerBuilder.Classic).RunToCompletionAsync(
            "todo-no-such-image:never", new Dictionary<string, string> { ["MIGRATE_ON_STARTUP"] = "false" }, extras,
            TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Equal(
            ["run --rm --env MIGRATE_ON_STARTUP=false --env AUTH_SIGNING_KEY --volume todo-startup-test:/tmp todo-no-such-image:never migrate"],
            Calls);
        Assert.Equal("a-secret-value", File.ReadAllText(seen).Trim());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
