using Tools;
using Engine;
using Images;

/// <summary>Preconditions of stages, checked before the first target runs; each stage adds its own.</summary>
static partial class Requirements
{
    /// <summary>A Docker daemon answers the docker CLI the build was told to use (<c>--docker-cli</c>, read when the
    /// requirement is checked).</summary>
    public static Requirement DockerDaemon(Func<Docker> docker) => new("a Docker daemon", async cancellationToken =>
    {
        var client = docker();
        if (ExecutableSearch.OnPath(client.Executable) is null)
            return $"The docker CLI '{client.Executable}' is not on PATH. Install Docker: Docker Desktop, or on Debian/Ubuntu "
                + "`sudo apt-get install -y docker.io`; or name another client with --docker-cli.";
        var version = await client.ServerVersionAsync(cancellationToken);
        return version is not null
            ? null
            : "No Docker daemon answers (docker version shows no server). Start one: Docker Desktop; or `sudo systemctl start docker`; " +
              "or, where there is no systemd (containers, CI), `sudo dockerd > /tmp/dockerd.log 2>&1 &` and wait until `docker info` answers.";
    });
}
