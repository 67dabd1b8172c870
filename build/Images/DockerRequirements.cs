using Tools;
using Engine;

namespace Images;

/// <summary>What the image stages need before any target runs.</summary>
public static class DockerRequirements
{
    /// <summary>A Docker daemon answers the docker CLI the build was told to use (<c>--docker-cli</c>, read when the
    /// requirement is checked).</summary>
    public static Requirement DaemonAnswers(Func<Docker> docker) => new("a Docker daemon", async cancellationToken =>
    {
        var client = docker();
        if (ExecutableSearch.OnPath(client.Executable) is null)
            return $"The docker CLI '{client.Executable}' is not on PATH. Install Docker: Docker Desktop, or on Debian/Ubuntu "
                + "`sudo apt-get install -y docker.io`; or name another client with --docker-cli.";
        var version = await client.ServerVersionAsync(cancellationToken);
        return version is not null
            ? null
            : "No Docker daemon answers (docker version shows no server). Start one: Docker Desktop; or `sudo systemctl start docker`; " +
              "or, where there is no systemd (containers, CI), `sudo dockerd > /tmp/dockerd.log 2>&1 &` and wait until `docker info` "
                  + "answers.";
    });
}
