namespace Cluster;

/// <summary>Which of the images a release needs are missing from which nodes, judged from the image lists the kubelets
/// report in each node's <c>status.images</c>. The runtimes name an image differently from Docker
/// (<c>todo-backend:1.0</c> becomes <c>docker.io/library/todo-backend:1.0</c> in containerd), so names are compared in
/// their fully qualified form.</summary>
public static class NodeImages
{
    /// <summary>The kubelet reports at most this many images per node (its <c>nodeStatusMaxImages</c> default),
    /// largest first, so a small image can be on a busy node yet absent from the list.</summary>
    public const int KubeletReportLimit = 50;

    public static NodeImageVerdict Check(IReadOnlyList<string> required, IReadOnlyList<NodeImageList> nodes)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return new([], [], "The cluster reports no nodes.");
        }

        var missing = new List<(string Node, string Image)>();
        var inconclusive = new List<string>();
        foreach (var node in nodes)
        {
            var present = node.ImageNames.Select(Qualify).ToHashSet(StringComparer.Ordinal);
            var absent = required.Where(image => !present.Contains(Qualify(image))).ToList();
            if (absent.Count == 0)
            {
                continue;
            }

            if (node.ImageNames.Count >= KubeletReportLimit)
            {
                inconclusive.Add(node.NodeName);
                continue;
            }

            missing.AddRange(absent.Select(image => (node.NodeName, image)));
        }

        return new(missing, inconclusive, null);
    }

    /// <summary>The fully qualified form of an image reference: registry host, repository path with
    /// <c>library/</c> for Docker Hub's official images, and the tag or digest unchanged.</summary>
    public static string Qualify(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? null : reference[..slash];
        var hasRegistry = first is not null && (first.Contains('.', StringComparison.Ordinal)
            || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        if (hasRegistry)
        {
            return reference;
        }

        return slash < 0 ? $"docker.io/library/{reference}" : $"docker.io/{reference}";
    }
}

public sealed record NodeImageList(string NodeName, IReadOnlyList<string> ImageNames);

/// <summary><paramref name="Missing"/>: (node, image) pairs known to be absent. <paramref name="InconclusiveNodes"/>:
/// nodes whose list is truncated at the kubelet's limit, so absence proves nothing.</summary>
public sealed record NodeImageVerdict(
    IReadOnlyList<(string Node, string Image)> Missing,
    IReadOnlyList<string> InconclusiveNodes,
    string? Problem)
{
    public bool AllPresent => Problem is null && Missing.Count == 0;

    public string Describe() =>
        Problem ?? (Missing.Count == 0
            ? "every node has the images"
            : string.Join("; ", Missing.GroupBy(m => m.Node)
                .Select(g => $"node {g.Key} lacks {string.Join(", ", g.Select(m => m.Image))}")));
}
