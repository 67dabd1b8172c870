namespace Images;

/// <summary>One node and the architecture its kubelet reports (<c>node.status.nodeInfo.architecture</c>).</summary>
public sealed record NodeArchitecture(string Node, string Architecture);

/// <summary>The platform to build for, and why (printed, so a user sees where the choice came from).</summary>
public sealed record PlatformDecision(ContainerPlatform? Platform, string Reason, string? Error = null);

/// <summary>Which platform the images are built for: what the user asked for; else, when the build deploys, the
/// architecture the cluster's nodes report; else this machine's. Pure, so tests drive every case.</summary>
public static class ImagePlatformChoice
{
    /// <param name="requested">--image-platform / IMAGE_PLATFORM, when given.</param>
    /// <param name="nodes">The nodes of the cluster being deployed to, or null when not deploying (or no cluster answered).</param>
    /// <param name="machine">This machine's platform (null: an architecture no image is built for).</param>
    public static PlatformDecision Decide(ContainerPlatform? requested, IReadOnlyList<NodeArchitecture>? nodes, ContainerPlatform? machine)
    {
        if (requested is not null)
            return new(requested, "--image-platform");

        if (nodes is { Count: > 0 })
        {
            var architectures = nodes.GroupBy(n => n.Architecture, StringComparer.OrdinalIgnoreCase).ToList();
            if (architectures.Count > 1)
            {
                return new(null, "the cluster's nodes",
                    $"The cluster's nodes have different architectures ({Describe(nodes)}): one image cannot run on all of them. " +
                    $"Pass --image-platform ({string.Join(" or ", ContainerPlatform.All.Select(p => p.Name))}) and schedule the release on "
                        + $"those nodes " +
                    "(e.g. a nodeSelector on kubernetes.io/arch).");
            }

            return ContainerPlatform.TryParse(architectures[0].Key, out var platform)
                ? new(platform, $"the cluster's nodes report {platform.Architecture}")
                : new(null, "the cluster's nodes",
                    $"The cluster's nodes are {architectures[0].Key} ({Describe(nodes)}); images are built only for "
                        + $"{string.Join(" and ", ContainerPlatform.All.Select(p => p.Name))}.");
        }

        return machine is not null
            ? new(machine, "this machine's architecture")
            : new(null, "this machine's architecture",
                $"This machine's architecture is not one the images are built for: pass --image-platform "
                    + $"({string.Join(" or ", ContainerPlatform.All.Select(p => p.Name))}).");
    }

    /// <summary>Why HelmInstall must not load images built for <paramref name="built"/> onto <paramref name="nodes"/>,
    /// or null when every node can run them. .NET does not support running under emulation, so a node that would
    /// have to emulate counts as one that cannot run the image.</summary>
    public static string? RefusalToDeploy(ContainerPlatform built, IReadOnlyList<NodeArchitecture> nodes)
    {
        ArgumentNullException.ThrowIfNull(built);
        ArgumentNullException.ThrowIfNull(nodes);
        var foreign = nodes.Where(n => !ContainerPlatform.TryParse(n.Architecture, out var p) || p != built).ToList();
        if (foreign.Count == 0)
            return null;
        var wanted = Decide(null, nodes, null);
        var remedy = wanted.Platform is { } platform
            ? $"Build for them: ./build.sh DockerBuild --image-platform {platform.Name} (or IMAGE_PLATFORM={platform.Name}), then deploy "
                + $"again."
            : wanted.Error;
        return $"The images are built for {built.Name}, but node(s) {Describe(foreign)} cannot run them (.NET does not run under "
            + $"emulation). {remedy}";
    }

    static string Describe(IEnumerable<NodeArchitecture> nodes) =>
        string.Join(", ", nodes.OrderBy(n => n.Node, StringComparer.Ordinal).Select(n => $"{n.Node}: {n.Architecture}"));
}
