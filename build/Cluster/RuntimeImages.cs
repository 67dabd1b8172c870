namespace Cluster;

/// <summary>The two list formats the build reads from a node's container runtime.</summary>
public enum RuntimeListFormat
{
    /// <summary><c>crictl images</c>: a table <c>IMAGE TAG IMAGE ID SIZE</c>, one row per repository tag (cri-tools
    /// docs/crictl.md, "List images"), <c>&lt;none&gt;</c> as the tag of an image known only by digest.</summary>
    CrictlImages,

    /// <summary><c>minikube image ls</c> (its default <c>--format short</c>): one fully qualified
    /// <c>repository:tag</c> per line, e.g. <c>docker.io/library/redis:alpine</c>.</summary>
    MinikubeImageLs,
}

/// <summary>One question to a node's runtime; <paramref name="Node"/> is whose answer it is.</summary>
public sealed record RuntimeImageQuery(string Node, ToolCommand Command, RuntimeListFormat Format);

/// <summary>
/// Asks a local cluster's container runtime which images it holds. Unlike <c>node.status.images</c>, which the
/// kubelet refreshes every 30 s and reports only when changed (checked every 10 s), so that a just-loaded image can
/// take ~40 s to appear, the runtime answers at once and without the status's 50-image and 5-name limits.
/// <list type="bullet">
/// <item>minikube: <c>minikube -p PROFILE image ls</c> (minikube docs, "minikube image ls").</item>
/// <item>kind: each node is a Docker container named like the node (<c>NAME-control-plane</c>,
/// <c>NAME-worker</c>; <c>kind get nodes --name NAME</c> lists them) with crictl inside, which kind's own docs use to
/// check a loaded image: <c>docker exec -it NAME-control-plane crictl images</c> (kind docs, "Quick Start",
/// "Loading an Image Into Your Cluster").</item>
/// <item>k3d: each node is a Docker container named like the node (<c>k3d-NAME-server-0</c>,
/// <c>k3d-NAME-agent-0</c>), and k3s ships crictl (k3s docs, "crictl").</item>
/// </list>
/// Other clusters (Docker Desktop among them) get no runtime query; node status is polled instead.
/// </summary>
public static class RuntimeImages
{
    /// <summary>The questions to ask for <paramref name="cluster"/> whose API lists <paramref name="nodeNames"/>;
    /// empty when its runtime cannot be asked from here. kind and k3d nodes are asked through
    /// <paramref name="dockerCli"/>, the docker CLI the build was told to use.</summary>
    public static IReadOnlyList<RuntimeImageQuery> Queries(ClusterIdentity cluster, IReadOnlyList<string> nodeNames, string dockerCli)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(nodeNames);
        return cluster.Kind switch
        {
            // minikube image ls answers for the profile (all its nodes), so one answer stands for each node.
            ClusterKind.Minikube => [.. nodeNames.Select(node => new RuntimeImageQuery(node,
                new ToolCommand("minikube", ["-p", cluster.ClusterName, "image", "ls"]), RuntimeListFormat.MinikubeImageLs))],
            ClusterKind.Kind or ClusterKind.K3d => [.. nodeNames.Select(node => new RuntimeImageQuery(node,
                new ToolCommand(dockerCli, ["exec", node, "crictl", "images"]), RuntimeListFormat.CrictlImages))],
            _ => [],
        };
    }

    /// <summary>How a person sees the runtime's list, for messages.</summary>
    public static string ListCommandHint(ClusterIdentity cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Kind switch
        {
            ClusterKind.Minikube => $"`minikube -p {cluster.ClusterName} image ls`",
            ClusterKind.Kind => $"`docker exec {cluster.ClusterName}-control-plane crictl images` "
                + $"(nodes: `kind get nodes --name {cluster.ClusterName}`)",
            ClusterKind.K3d => $"`docker exec k3d-{cluster.ClusterName}-server-0 crictl images`",
            _ => "`kubectl get nodes -o jsonpath='{.items[*].status.images[*].names}'`",
        };
    }

    public static IReadOnlyList<IReadOnlyList<string>> Parse(RuntimeListFormat format, string output) => format switch
    {
        RuntimeListFormat.CrictlImages => ParseCrictlImages(output),
        RuntimeListFormat.MinikubeImageLs => ParseMinikubeImageLs(output),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The images of a <c>crictl images</c> table, each with its names (<c>repository:tag</c>), rows grouped
    /// by image ID. A row whose tag is <c>&lt;none&gt;</c> names no reference a pod could use and is skipped.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ParseCrictlImages(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(columns => columns.Length >= 3 && !(columns[0] == "IMAGE" && columns[1] == "TAG"))
            .ToList();
        return
        [
            .. rows.GroupBy(columns => columns[2], StringComparer.Ordinal)
                .Select(image => (IReadOnlyList<string>)[.. image.Where(c => c[1] != "<none>").Select(c => $"{c[0]}:{c[1]}")])
                .Where(names => names.Count > 0),
        ];
    }

    /// <summary>The images of <c>minikube image ls</c>: one name per line (minikube prints each tag on its own line).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ParseMinikubeImageLs(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return
        [
            .. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => !line.Contains(' ', StringComparison.Ordinal) && line.Contains(':', StringComparison.Ordinal))
                .Select(line => (IReadOnlyList<string>)[line]),
        ];
    }
}
