using Images;

namespace Cluster;

/// <summary>How locally built images reach the cluster's nodes.</summary>
public enum TransportMethod
{
    /// <summary><c>minikube image load</c> copies the image into the minikube node's runtime.</summary>
    MinikubeImageLoad,

    /// <summary><c>kind load docker-image</c> copies it into every kind node.</summary>
    KindLoad,

    /// <summary><c>k3d image import</c> copies it into every k3d node.</summary>
    K3dImageImport,

    /// <summary>Docker Desktop's Kubernetes runs on the same engine the images were built in: nothing to move.</summary>
    SharedDockerDaemon,

    /// <summary>Tag for and push to a registry the cluster pulls from.</summary>
    RegistryPush,
}

/// <summary>One external command, kept as data so that the choice of command is testable and the runner stays the
/// engine's one process runner.</summary>
public sealed record ToolCommand(string Executable, IReadOnlyList<string> Arguments)
{
    public override string ToString() => string.Join(' ', [Executable, .. Arguments]);
}

/// <summary>The transport chosen for a cluster, and the chart pullPolicy that goes with it: <c>Never</c> when the
/// images were put on the nodes (a pull could only fail, and silently using a stale image would be worse),
/// <c>IfNotPresent</c> when they come from a registry (the content tag changes whenever the image does).</summary>
public sealed record ImageTransport(TransportMethod Method, ClusterIdentity Cluster, string? Registry)
{
    /// <summary>The docker CLI a registry push runs (<c>--docker-cli</c>).</summary>
    public string DockerCli { get; init; } = "docker";

    public string PullPolicy => Method == TransportMethod.RegistryPush ? "IfNotPresent" : "Never";

    /// <summary>Whether the build should look for the images on the nodes before installing (a pushed image is
    /// pulled on demand, so only the rollout can tell).</summary>
    public bool ImagesExpectedOnNodes => Method != TransportMethod.RegistryPush;

    /// <summary>Chooses the transport. An explicit <paramref name="registry"/> always wins (the user asked for it);
    /// otherwise the cluster kind decides. Returns <c>null</c> for a cluster that can only pull from a registry and
    /// none was given; <see cref="MissingRegistryRemedy"/> explains. <paramref name="dockerCli"/> is the docker CLI
    /// the build was told to use.</summary>
    public static ImageTransport? For(ClusterIdentity cluster, string? registry, string dockerCli)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerCli);
        if (!string.IsNullOrWhiteSpace(registry))
        {
            return new(TransportMethod.RegistryPush, cluster, registry.Trim().TrimEnd('/')) { DockerCli = dockerCli };
        }

        TransportMethod? method = cluster.Kind switch
        {
            ClusterKind.Minikube => TransportMethod.MinikubeImageLoad,
            ClusterKind.Kind => TransportMethod.KindLoad,
            ClusterKind.K3d => TransportMethod.K3dImageImport,
            ClusterKind.DockerDesktop => TransportMethod.SharedDockerDaemon,
            _ => null,
        };
        return method is { } chosen ? new(chosen, cluster, null) { DockerCli = dockerCli } : null;
    }

    public static string MissingRegistryRemedy(ClusterIdentity cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return $"The kube context '{cluster.ContextName}' is not a minikube, kind, k3d or Docker Desktop cluster, so the "
            + "build cannot copy images into its nodes. Pass a registry the cluster can pull from: "
            + "`--registry ghcr.io/<you>` (after `docker login`), or use a local cluster: `minikube start` or "
            + "`kind create cluster`.";
    }

    /// <summary>The image the chart should deploy for a locally built <paramref name="local"/> (<c>todo-backend</c>,
    /// tag <c>1.2.0-abc</c>): itself, or its repository under the registry.</summary>
    public ImageReference Deployed(ImageReference local)
    {
        ArgumentNullException.ThrowIfNull(local);
        return Method == TransportMethod.RegistryPush ? local with { Repository = $"{Registry}/{LastPathSegment(local.Repository)}" }
            : local;
    }

    string DeployedReference(string localReference) => Deployed(ImageReference.Parse(localReference)).ToString();

    /// <summary>The commands that move <paramref name="localReferences"/> onto the cluster, in order.</summary>
    public IReadOnlyList<ToolCommand> Commands(IReadOnlyList<string> localReferences)
    {
        ArgumentNullException.ThrowIfNull(localReferences);
        if (localReferences.Count == 0)
        {
            return [];
        }

        return Method switch
        {
            // minikube loads one image per call; -p keeps a non-default profile working.
            TransportMethod.MinikubeImageLoad =>
                [.. localReferences.Select(image => new ToolCommand("minikube", ["image", "load", image, "-p", Cluster.ClusterName]))],
            TransportMethod.KindLoad =>
                [new ToolCommand("kind", ["load", "docker-image", .. localReferences, "--name", Cluster.ClusterName])],
            TransportMethod.K3dImageImport =>
                [new ToolCommand("k3d", ["image", "import", .. localReferences, "-c", Cluster.ClusterName])],
            TransportMethod.SharedDockerDaemon => [],
            TransportMethod.RegistryPush =>
            [
                .. localReferences.SelectMany(image => new[]
                {
                    new ToolCommand(DockerCli, ["tag", image, DeployedReference(image)]),
                    new ToolCommand(DockerCli, ["push", DeployedReference(image)]),
                }),
            ],
            _ => throw new InvalidOperationException($"Unknown transport {Method}"),
        };
    }

    private static string LastPathSegment(string reference) =>
        reference[(reference.LastIndexOf('/') + 1)..];
}
