using Cluster;

namespace Build.Tests.Cluster;

/// <summary>The tunnel around <c>minikube service --url</c>, with a script standing in for minikube that behaves as
/// minikube documents it does with the docker driver on macOS/Windows: the URL on stdout, the warning that the terminal
/// must stay open on stderr, then it keeps running until stopped. What only real minikube proves: that the URL forwards.</summary>
public sealed class MinikubeServiceTunnelTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("fake-minikube-").FullName;

    [Fact]
    public async Task The_url_is_read_while_the_tunnel_keeps_running_until_disposed()
    {
        var minikube = Script("""
            echo "❗  Because you are using a Docker driver on darwin, the terminal needs to be open to run it." >&2
            echo "http://127.0.0.1:53412"
            exec sleep 60
            """);
        var log = new List<string>();

        var tunnel = await MinikubeServiceTunnel.StartAsync("minikube", "todo", "todo-frontend", TimeSpan.FromSeconds(20), log.Add, CancellationToken.None, minikube);

        Assert.NotNull(tunnel);
        Assert.Equal(new Uri("http://127.0.0.1:53412"), tunnel.Url);
        await Task.Delay(300);
        Assert.True(tunnel.Running);
        await tunnel.DisposeAsync();
        Assert.False(tunnel.Running);
    }

    [Fact]
    public async Task A_command_that_ends_without_a_url_gives_none_so_the_port_forward_takes_over()
    {
        var minikube = Script("""
            echo "❌  Exiting due to SVC_NOT_FOUND: Service 'todo-frontend' was not found in 'todo' namespace." >&2
            exit 85
            """);
        var log = new List<string>();

        var tunnel = await MinikubeServiceTunnel.StartAsync("minikube", "todo", "todo-frontend", TimeSpan.FromSeconds(20), line =>
        {
            lock (log)
            {
                log.Add(line);
            }
        }, CancellationToken.None, minikube);

        Assert.Null(tunnel);
        Assert.Contains(log, l => l.Contains("SVC_NOT_FOUND", StringComparison.Ordinal));
    }

    string Script(string body)
    {
        var path = Path.Combine(directory, "minikube");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
