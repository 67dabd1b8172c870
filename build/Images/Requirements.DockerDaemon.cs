using Engine;
using Images;

/// <summary>Preconditions of stages, checked before the first target runs; each stage adds its own.</summary>
static partial class Requirements
{
    /// <summary>A Docker daemon answers the docker CLI on PATH.</summary>
    public static Requirement DockerDaemon { get; } = new("a Docker daemon", async cancellationToken =>
    {
        if (ExecutableSearch.OnPath("docker") is null)
            return "The docker CLI is not on PATH. Install Docker: Docker Desktop, or on Debian/Ubuntu `sudo apt-get install -y docker.io`.";
        var version = await new Docker("docker", DockerBuilder.Classic).ServerVersionAsync(cancellationToken);
        return version is not null
            ? null
            : "No Docker daemon answers (docker version shows no server). Start one: Docker Desktop; or `sudo systemctl start docker`; " +
              "or, where there is no systemd (containers, CI), `sudo dockerd > /tmp/dockerd.log 2>&1 &` and wait until `docker info` answers.";
    });
}
