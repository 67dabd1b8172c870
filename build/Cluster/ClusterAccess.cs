using Tools;
using Engine;
using k8s;

namespace Cluster;

/// <summary>The cluster the build talks to, resolved once from <c>--kube-context</c> (or the current context) and
/// shared by the cluster stages, plus the requirements that stop a run before any work when it is not usable.
/// <paramref name="dockerCli"/> is the docker CLI the build was told to use (<c>--docker-cli</c>; default <c>docker</c>).</summary>
public sealed class ClusterAccess(
    Func<string?> requestedContext, Func<string?> registry, string? kubeconfigPath = null, Func<string>? dockerCli = null)
{
    public static readonly TimeSpan VersionCallTimeout = TimeSpan.FromSeconds(10);

    KubeContext? context;
    IKubernetes? client;
    Requirement? apiServerAnswers;
    Requirement? imagesCanReachCluster;
    Task<string?>? apiServerCheck;

    public KubeContext Context => context ?? Resolve();

    public string DockerCli => dockerCli?.Invoke() ?? "docker";

    /// <summary>How the images reach this cluster; null for a cluster that only pulls and no <c>--registry</c>.</summary>
    public ImageTransport? Transport => ImageTransport.For(Identity, registry(), DockerCli);

    public ClusterIdentity Identity => Context.Identify();

    public IKubernetes Client => client ??= KubeContexts.Client(Context);

    /// <summary>Satisfied when the API server of the chosen context answers a version call.</summary>
    public Requirement ApiServerAnswers => apiServerAnswers ??= new("a Kubernetes API server (kube context)", CheckApiServerOnceAsync);

    /// <summary>Satisfied when there is a way to get the images onto this cluster: a local cluster whose loading
    /// tool is installed, Docker Desktop, or a <c>--registry</c>.</summary>
    public Requirement ImagesCanReachCluster => imagesCanReachCluster ??= new("a way to get images onto the cluster", CheckTransportAsync);

    /// <summary>Several scheduled targets require the API server (HelmInstall, Diagnose); its remedy is worth reading
    /// once, so the first check of a run answers and later ones do not repeat it.</summary>
    Task<string?> CheckApiServerOnceAsync(CancellationToken cancellationToken)
    {
        if (apiServerCheck is { } earlier)
        {
            return ContinueWithNoRepeat(earlier);
        }

        apiServerCheck = CheckApiServerAsync(cancellationToken);
        return apiServerCheck;

        static async Task<string?> ContinueWithNoRepeat(Task<string?> earlier)
        {
            await earlier;
            return null;
        }
    }

    public async Task<string?> CheckApiServerAsync(CancellationToken cancellationToken)
    {
        var (resolved, remedy) = KubeContexts.Resolve(requestedContext(), kubeconfigPath);
        if (resolved is null)
        {
            return remedy;
        }

        context = resolved;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(VersionCallTimeout);
        try
        {
            var version = await Client.Version.GetCodeAsync(timeout.Token);
            return string.IsNullOrEmpty(version?.GitVersion)
                ? KubeContexts.UnreachableRemedy(resolved.Identify(), "it answered without a version") : null;
        }
        catch (k8s.Exceptions.KubeConfigException e)
        {
            return $"The kube context '{resolved.Name}' in {resolved.KubeconfigPath} cannot be used: {e.Message}. "
                + "Check it with `kubectl --context " + resolved.Name + " get nodes`, or choose another with `--kube-context <name>`.";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or k8s.Autorest.HttpOperationException
            or IOException or System.Security.Authentication.AuthenticationException)
        {
            var error = e is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? $"no answer within {VersionCallTimeout.TotalSeconds:0} s"
                : e.Message;
            return KubeContexts.UnreachableRemedy(resolved.Identify(), error);
        }
    }

    Task<string?> CheckTransportAsync(CancellationToken cancellationToken)
    {
        var (resolved, _) = KubeContexts.Resolve(requestedContext(), kubeconfigPath);
        if (resolved is null)
        {
            // No context at all: the API server requirement already says how to get one.
            return Task.FromResult<string?>(null);
        }

        var identity = resolved.Identify();
        var transport = ImageTransport.For(identity, registry(), DockerCli);
        if (transport is null)
        {
            return Task.FromResult<string?>(ImageTransport.MissingRegistryRemedy(identity));
        }

        var tool = transport.Commands(["probe:1"]).Select(c => c.Executable).FirstOrDefault();
        if (tool is not null && ExecutableSearch.OnPath(tool) is null)
        {
            return Task.FromResult<string?>(
                $"'{tool}' was not found on PATH, and the build needs it to copy images into {identity.DisplayName}. "
                + (tool == DockerCli ? ToolInstallHint("docker") : ToolInstallHint(tool)));
        }

        return Task.FromResult<string?>(null);
    }

    /// <summary>What each node's kubelet reports (node.status.nodeInfo.architecture); null when no cluster answers,
    /// so an image platform decision falls back to this machine (HelmInstall's own requirement then says what is wrong).</summary>
    public async Task<IReadOnlyList<Images.NodeArchitecture>?> NodeArchitecturesAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(VersionCallTimeout);
            var nodes = await Client.CoreV1.ListNodeAsync(cancellationToken: timeout.Token);
            return [.. nodes.Items.Select(n
                => new Images.NodeArchitecture(n.Metadata.Name, n.Status?.NodeInfo?.Architecture ?? "unknown"))];
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Warn("could not list the cluster's nodes to pick the image platform ({0}); using this machine's", e.Message);
            return null;
        }
    }

    KubeContext Resolve()
    {
        var (resolved, remedy) = KubeContexts.Resolve(requestedContext(), kubeconfigPath);
        return context = resolved ?? throw new InvalidOperationException(remedy);
    }

    static string ToolInstallHint(string tool) => tool switch
    {
        "minikube" => "Install it: https://minikube.sigs.k8s.io/docs/start/",
        "kind" => "Install it: https://kind.sigs.k8s.io/docs/user/quick-start/#installation",
        "k3d" => "Install it: https://k3d.io/#installation",
        "docker" => "Install Docker (https://docs.docker.com/engine/install/) and `docker login` to the registry.",
        _ => "",
    };
}
