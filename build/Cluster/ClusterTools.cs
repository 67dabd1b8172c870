using Engine;

namespace Cluster;

/// <summary>The one wrapper over the local cluster tools (minikube, kind, k3d) and the docker push of a registry
/// transport: it runs the <see cref="ToolCommand"/>s the decisions produce through the engine's process runner.</summary>
public static class ClusterTools
{
    public static async Task RunAsync(IReadOnlyList<ToolCommand> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var command in commands)
        {
            await ProcessRunner.RunAsync(
                new ProcessSpec(command.Executable, command.Arguments) { Timeout = TimeSpan.FromMinutes(10) },
                cancellationToken);
        }
    }

    /// <summary><c>minikube ip -p PROFILE</c>: the node address a NodePort answers on.</summary>
    public static async Task<string> MinikubeIpAsync(string profile, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(
            new ProcessSpec("minikube", ["ip", "-p", profile]) { Quiet = true, Timeout = TimeSpan.FromSeconds(30) },
            cancellationToken);
        return result.StandardOutput.Trim();
    }
}
