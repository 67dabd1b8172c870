namespace Cluster;

/// <summary>Where a node's image list came from, which decides what its absence of an image proves.</summary>
public enum ImageListSource
{
    /// <summary><c>node.status.images</c>: late and cut short (see <see cref="NodeImages"/>).</summary>
    NodeStatus,

    /// <summary>The node's container runtime itself (<c>crictl images</c>, <c>minikube image ls</c>): immediate and
    /// complete.</summary>
    Runtime,
}

/// <summary>One node's images; each image is the list of names it goes by (tags and digests).</summary>
public sealed record NodeImageList(string NodeName, IReadOnlyList<IReadOnlyList<string>> Images, ImageListSource Source);

/// <summary>
/// Which of the images a release needs are missing from which nodes. The runtimes name an image differently from
/// Docker (<c>todo-backend:1.0</c> becomes <c>docker.io/library/todo-backend:1.0</c> in containerd), so names are
/// compared in their fully qualified form.
/// <para>What a list read from <c>node.status.images</c> can prove is limited by how the kubelet fills it
/// (kubernetes/pkg/kubelet/nodestatus/setters.go, <c>Images</c>; KubeletConfiguration <c>nodeStatusMaxImages</c>):
/// at most 50 images, largest first, and at most 5 names per image (<c>maxNamesPerImageInNodeStatus</c>, digests
/// before tags). So an image absent from a list of 50 images, or whose repository's entry shows 5 names, may still be
/// on the node: inconclusive, never missing. A runtime's own list has no such limits.</para>
/// </summary>
public static class NodeImages
{
    /// <summary>The kubelet reports at most this many images per node (its <c>nodeStatusMaxImages</c> default).</summary>
    public const int KubeletReportLimit = 50;

    /// <summary>The kubelet reports at most this many names per image (digests first).</summary>
    public const int KubeletNamesPerImage = 5;

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
            var present = node.Images.SelectMany(names => names).Select(Qualify).ToHashSet(StringComparer.Ordinal);
            var absent = required.Where(image => !present.Contains(Qualify(image))).ToList();
            if (absent.Count == 0)
            {
                continue;
            }

            var unprovable = node.Source == ImageListSource.NodeStatus
                ? absent.Where(image => node.Images.Count >= KubeletReportLimit || NamesMayBeCut(node, image)).ToList()
                : [];
            if (unprovable.Count > 0)
            {
                inconclusive.Add(node.NodeName);
            }

            missing.AddRange(absent.Except(unprovable).Select(image => (node.NodeName, image)));
        }

        return new(missing, inconclusive, null);
    }

    // An image listed with the kubelet's maximum of names, one of them in the same repository: the wanted tag may be
    // among the names cut off.
    static bool NamesMayBeCut(NodeImageList node, string image)
    {
        var repository = Repository(Qualify(image));
        return node.Images.Any(names => names.Count >= KubeletNamesPerImage
            && names.Any(name => Repository(Qualify(name)) == repository));
    }

    static string Repository(string qualified)
    {
        var at = qualified.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return qualified[..at];
        }

        var colon = qualified.LastIndexOf(':');
        return colon > qualified.LastIndexOf('/') ? qualified[..colon] : qualified;
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

    /// <summary>What to tell the user when images are missing: with <c>pullPolicy: Never</c> the pods could only fail
    /// with <c>ErrImageNeverPull</c>, so say which command puts them there and which one shows the runtime's list.</summary>
    public static string MissingStory(NodeImageVerdict verdict, ImageTransport transport, ImageListSource source)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(transport);
        var images = verdict.Missing.Select(m => m.Image).Distinct(StringComparer.Ordinal).ToList();
        var load = string.Join("; ", transport.Commands(images).Select(c => $"`{c}`"));
        var seen = source == ImageListSource.Runtime ? "the node's container runtime does not list"
            : "the nodes' status still does not list";
        return $"{verdict.Describe()}: {seen} them after {transport.Method}. With pullPolicy {transport.PullPolicy} the pods "
            + "could only fail with ErrImageNeverPull. Check the load command's output above, that it went to this cluster "
            + $"({transport.Cluster.DisplayName}), and load them again: {load}. See the runtime's list with "
            + $"{RuntimeImages.ListCommandHint(transport.Cluster)}.";
    }
}

/// <summary><paramref name="Missing"/>: (node, image) pairs known to be absent. <paramref name="InconclusiveNodes"/>:
/// nodes whose list is cut at the kubelet's limits, so absence proves nothing.</summary>
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
