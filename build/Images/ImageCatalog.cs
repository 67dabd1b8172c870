using System.Text;

namespace Images;

/// <summary>One image the build ships: which project it packages, with which Dockerfile, on which port.</summary>
public sealed record AppImage(string Name, string Project, string Dockerfile, int Port, double DefaultBudgetMegabytes)
{
    /// <summary>MSBuild properties of this image's self-contained publish (the measured choice, see docs/images.md).</summary>
    public IReadOnlyDictionary<string, string> PublishProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>Published with NativeAOT (declared in the project, <c>PublishAot</c>): Publish needs the native toolchain
    /// (<see cref="NativeAotToolchain"/>), and on a machine that is not Linux, where NativeAOT cannot compile for Linux,
    /// it publishes the app trimmed without AOT instead.</summary>
    public bool NativeAot { get; init; }

    /// <summary>The chart's name for this component: the key of its values (<c>backend.image.repository</c>, …).</summary>
    public required string Component { get; init; }

    /// <summary>Where Publish puts the amd64 app and where the Dockerfile copies it from (relative to the repository root).</summary>
    public string PublishDirectory => $"artifacts/publish/{Name}";

    /// <summary>The environment that starts this image on its own (the image tests, ImageStartup): no other service, no
    /// secret. The chart gives a deployment everything else.</summary>
    public IReadOnlyDictionary<string, string> StandaloneSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>How the chart starts this image's app container, where that differs from a standalone start (ImageStartup
    /// measures both); null where it does not.</summary>
    public ChartStart? ChartStart { get; init; }

    /// <summary>Where Publish puts the app for <paramref name="platform"/>: each architecture its own folder, so
    /// packaging one never picks up the other's binaries.</summary>
    public string PublishDirectoryFor(ContainerPlatform platform) => PublishDirectory + ImageCatalog.ArchitectureSuffix(platform);
}

/// <summary>The one place that knows image names and how they are tagged.</summary>
public static class ImageCatalog
{
    /// <summary>The backend's size budget (uncompressed, MB = 10^6 bytes): the trimmed image measures under it (docs/images.md has the
    /// figure, amd64, offline base).</summary>
    public const double BackendBudgetMegabytes = 60;

    /// <summary>Trimmed (declared in Todo.Api.csproj: EF Core and SQLite kept whole, see KeptWholeWhenTrimmed.targets),
    /// ReadyToRun for the assemblies that run before ready (src/Todo.Api/ReadyToRun.targets: one composite image, the
    /// rest left IL) and single-file compressed: the precompiled code fits the budget only compressed, and decompressing
    /// it at every start costs memory (~+22 MB idle) and some CPU (docs/images.md has the measurements). Budget: the
    /// goal, 60 MB; a jump past it means trimming or the ReadyToRun roots stopped working.</summary>
    public static readonly AppImage Backend = new("todo-backend", "src/Todo.Api/Todo.Api.csproj", "src/Todo.Api/Dockerfile", 8000,
        BackendBudgetMegabytes)
    {
        Component = "backend",
        PublishProperties = new Dictionary<string, string>
        {
            ["PublishSingleFile"] = "true",
            ["PublishReadyToRun"] = "true",
            ["EnableCompressionInSingleFile"] = "true",
            ["DebugType"] = "none",
        },
        StandaloneSettings = new Dictionary<string, string>
        {
            // Its built-in SQLite database in /tmp, and the signing key kept there: outside Development the backend
            // refuses to start without a key, and a standalone container has no Secret to read one from.
            ["AUTH_ALLOW_DATABASE_SIGNING_KEY"] = "true",
        },
        // charts/todo-app/templates/backend: the pod's `migrate` init container brings the schema up to date, so the
        // ConfigMap sets MIGRATE_ON_STARTUP=false for the app container, which reads its token key from the Secret.
        ChartStart = new ChartStart(["migrate"], new Dictionary<string, string> { ["MIGRATE_ON_STARTUP"] = "false" },
            SecretName: "AUTH_SIGNING_KEY", DataDirectory: "/tmp"),
    };

    /// <summary>The frontend's size budget (uncompressed, MB = 10^6 bytes): the NativeAOT image measures under it
    /// (docs/images.md has the figure, amd64, offline base).</summary>
    public const double FrontendBudgetMegabytes = 60;

    /// <summary>NativeAOT (declared in Todo.Web.csproj, so the AOT and trim analyzers run on every build and a warning
    /// fails it): one native executable, nothing JIT-compiled at start, without the Blazor debug proxy (12 MB that only a
    /// debugger uses). The trimmed JIT publish was smaller to build but JIT-compiled the framework at every start
    /// (docs/images.md has both). Budget: the goal, 60 MB; a jump past it means AOT or trimming stopped working.</summary>
    public static readonly AppImage Frontend =
        new("todo-frontend", "src/Todo.Web/Todo.Web.csproj", "src/Todo.Web/Dockerfile", 8080, FrontendBudgetMegabytes)
    {
        Component = "frontend",
        NativeAot = true,
        PublishProperties = new Dictionary<string, string>
        {
            ["BlazorWebAssemblyOmitDebugProxyOutput"] = "true",
            ["DebugType"] = "none",
        },
        // Pointed at a closed port: liveness never waits for a backend.
        StandaloneSettings = new Dictionary<string, string> { ["BACKEND_URL"] = "http://127.0.0.1:9" },
    };

    public static IReadOnlyList<AppImage> All { get; } = [Backend, Frontend];

    /// <summary>The OCI source label: the repository the images are built from (as RepositoryUrl in Directory.Build.props).</summary>
    public const string SourceRepository = "https://github.com/todo-app/todo-app";

    /// <summary>The Dockerfiles' default base, present only where someone pulled it (never here: no registry).</summary>
    public const string OfficialBase = "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled";

    public const string OfflineBaseRepository = "todo-base";

    /// <summary>Labels the build reads back: the content hash decides whether DockerBuild has work to do.</summary>
    public const string ContentHashLabel = "dev.todo-app.content-hash";

    public const string BaseLockLabel = "dev.todo-app.base-lock";

    /// <summary>The offline base is named by its lock file's hash, so a present tag means "already assembled"; the
    /// arm64 one (assembled from the same pins, Debian's arm64 packages) carries its architecture.</summary>
    public static string OfflineBase(BaseImageLock baseLock, ContainerPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(baseLock);
        ArgumentNullException.ThrowIfNull(platform);
        return $"{OfflineBaseRepository}:offline-{baseLock.ContentHash[..12]}{ArchitectureSuffix(platform)}";
    }

    /// <summary>amd64 is the default and its tags carry no suffix (as before arm64 existed); every other architecture's
    /// tags end in <c>-&lt;architecture&gt;</c>, so both can sit side by side on one machine or registry.</summary>
    public static string ArchitectureSuffix(ContainerPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return platform == ContainerPlatform.Amd64 ? "" : $"-{platform.Architecture}";
    }

    /// <summary>The SemVer as a Docker tag: a tag allows only <c>[A-Za-z0-9_.-]</c>, at most 128 characters, and may not
    /// start with '.' or '-'; '+' (build metadata) and anything else becomes '-'. Never <c>latest</c>.</summary>
    public static string VersionTag(string semVer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(semVer);
        var tag = new StringBuilder(semVer.Length);
        foreach (var c in semVer.Trim())
            tag.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-');
        var text = tag.ToString().TrimStart('.', '-');
        if (text.Length == 0 || text.Equals("latest", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{semVer}' cannot be an image version tag", nameof(semVer));
        return text.Length > 128 ? text[..128] : text;
    }

    /// <summary>The version tag of an image built for <paramref name="platform"/> (see <see cref="ArchitectureSuffix"/>).</summary>
    public static string VersionTag(string semVer, ContainerPlatform platform)
        => WithSuffix(VersionTag(semVer), ArchitectureSuffix(platform));

    /// <summary>The content tag of an image built for <paramref name="platform"/>; the hash already differs between
    /// architectures (it covers the binaries and the base), the suffix tells people which one a tag is.</summary>
    public static string ContentTag(string semVer, string contentHash, ContainerPlatform platform) =>
        WithSuffix(ContentTag(semVer, contentHash), ArchitectureSuffix(platform));

    static string WithSuffix(string tag, string suffix) =>
        (tag.Length + suffix.Length > 128 ? tag[..(128 - suffix.Length)] : tag) + suffix;

    /// <summary>The tag deployments use: the version plus the first 12 hex digits of the content hash, so an image whose
    /// content changed gets a new reference (and rolls out) even when the commit, and so the version, did not.</summary>
    public static string ContentTag(string semVer, string contentHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentHash);
        if (contentHash.Length < 12 || !contentHash.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException($"'{contentHash}' is not a lowercase hex hash", nameof(contentHash));
        var suffix = $"-{contentHash[..12]}";
        var version = VersionTag(semVer);
        return (version.Length + suffix.Length > 128 ? version[..(128 - suffix.Length)] : version) + suffix;
    }
}
