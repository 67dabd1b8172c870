using Tools;
using Engine;
using Images;

/// <summary>Publish → DockerBuild → ImageSizeCheck (→ ImageTest): self-contained apps for one platform, packaged
/// runtime-only on a distroless, non-root base (the official chiseled image, or one assembled offline from pinned
/// Debian packages). The work lives in build/Images; see docs/images.md.</summary>
partial class Build
{
    [Parameter("Base of both images: Auto (the official image when it is on this machine, else the offline one), Official, Offline")]
    readonly BaseImageSource BaseImageSource = BaseImageSource.Auto;

    [Parameter("The official base image (the Dockerfiles' default)")]
    readonly string OfficialBaseImage = ImageCatalog.OfficialBase;

    [Parameter("Try one pull of the official base (at most 30 s) when it is not on this machine; off by default where the offline base "
        + "can be assembled (Debian/Ubuntu), always tried elsewhere (macOS, Windows)")]
    readonly bool PullBaseImage;

    [Parameter("Platform of both images: linux/amd64 or linux/arm64; default: when deploying, the architecture the cluster's nodes "
        + "report, else this machine's")]
    readonly string? ImagePlatform;

    [Parameter("Size budget of the todo-backend image in MB (10^6 bytes, uncompressed)")]
    readonly double BackendImageBudgetMb = ImageCatalog.Backend.DefaultBudgetMegabytes;

    [Parameter("Size budget of the todo-frontend image in MB (10^6 bytes, uncompressed)")]
    readonly double FrontendImageBudgetMb = ImageCatalog.Frontend.DefaultBudgetMegabytes;

    /// <summary>What DockerBuild built and ImageSizeCheck measured; later stages read only this file.</summary>
    AbsolutePath ImagesManifestFile => ArtifactsDirectory / "images.json";

    AbsolutePath OfflineBaseLockFile => RootDirectory / "build" / "Images" / "offline-base.lock";

    ContainerPlatform? platform;

    BaseImageRequest BaseRequest => new(BaseImageSource, OfficialBaseImage, PullBaseImage, OfflineBaseLockFile,
        TemporaryDirectory / "offline-base");

    /// <summary>Checked before Publish spends its minutes: the offline base of another architecture needs apt to know it.</summary>
    Requirement ForeignBasePackages => foreignBasePackages ??= OfflineBaseRequirements.ForeignPackagesKnown(PlatformAsync, () => Docker,
        () => BaseRequest);
    Requirement? foreignBasePackages;

    /// <summary>The platform Publish and DockerBuild build for, decided once per run (see <see cref="ImagePlatformChoice"/>).</summary>
    async Task<ContainerPlatform> PlatformAsync()
    {
        if (platform is not null)
            return platform;
        ContainerPlatform? requested = null;
        if (ImagePlatform is not null && !ContainerPlatform.TryParse(ImagePlatform, out requested))
            throw new TargetFailedException($"--image-platform '{ImagePlatform}' is not one the images are built for: "
                + $"use {string.Join(" or ", ContainerPlatform.All.Select(p => p.Name))}");
        // Only a build that deploys asks the cluster: a plain DockerBuild must not depend on a kube context.
        var nodes = requested is null && IsScheduled(HelmInstall) ? await Kube.NodeArchitecturesAsync(CancellationToken) : null;
        var decision = ImagePlatformChoice.Decide(requested, nodes, ContainerPlatform.OfThisMachine());
        platform = decision.Platform ?? throw new TargetFailedException(decision.Error ?? "no image platform");
        Log.Info("image platform: {0} ({1})", platform.Name, decision.Reason);
        return platform;
    }

    Target Publish => _ => _
        .Description("Publishes Todo.Api and Todo.Web self-contained for the image platform (linux-x64 or linux-arm64) into "
            + "artifacts/publish/<image>[-arm64] (the modes chosen in docs/images.md)")
        .DependsOn(Compile)
        .After(Test)
        .Requires(NativeAotToolchain)
        .Executes(async () =>
        {
            var target = await PlatformAsync();
            // Per image: a change to the frontend's sources leaves the backend's publish up to date, and the reverse.
            await AppPublish.RunAsync(RootDirectory, target, Version, image => ProjectInputs(new Inputs(), RootDirectory / image.Project),
                CancellationToken);
        });

    Target DockerBuild => _ => _
        .Description("Builds todo-backend and todo-frontend from artifacts/publish, tagged <SemVer> and <SemVer>-<content hash>; "
            + "skips an image whose content is unchanged")
        .DependsOn(Publish)
        .Requires(DockerDaemon)
        .Requires(ForeignBasePackages)
        .Executes(async () =>
        {
            var target = await PlatformAsync();
            var baseImage = await BaseImageResolution.ResolveAsync(Docker, BaseRequest, target, CancellationToken);
            Summary.Add($"base image: {baseImage.Description}");
            var created = await ImageBuild.CommitTimeAsync(CancellationToken);
            var inputs = new ImageBuildInputs(RootDirectory, TemporaryDirectory, Version, created, baseImage);
            var images = new List<BuiltImage>();
            foreach (var image in ImageCatalog.All)
                images.Add(await ImageBuild.RunAsync(Docker, image, target, inputs, CancellationToken));
            // An unchanged image keeps the sizes ImageSizeCheck measured, which may be up to date and not measure again.
            var earlier = File.Exists(ImagesManifestFile) ? ImagesManifest.Read(ImagesManifestFile).Images : [];
            images = [.. images.Select(i => earlier.FirstOrDefault(e => e.ImageId == i.ImageId && e.Size is not null) is { } e
                ? i with { Size = e.Size } : i)];
            new ImagesManifest(Version.SemVer, images).Write(ImagesManifestFile);
            Log.Info("wrote {0}", ImagesManifestFile.RelativeTo(RootDirectory));
        });

    Target ImageSizeCheck => _ => _
        .Description("Measures both images (uncompressed, gzip, largest layers) against their budgets "
            + "and scans them for secrets and a root user")
        .DependsOn(DockerBuild)
        .Requires(DockerDaemon)
        // The images by id (what DockerBuild produced), the budgets and the checks' code: the same images measured
        // against the same budgets give the same verdict.
        .Inputs(inputs => inputs
            .Value("images", () => File.Exists(ImagesManifestFile)
                ? string.Join(" ", ImagesManifest.Read(ImagesManifestFile).Images.Select(i => $"{i.Reference}@{i.ImageId}"))
                : null)
            .Value("budgets", () => $"{BackendImageBudgetMb} {FrontendImageBudgetMb}")
            .Files(RootDirectory / "build" / "Images"))
        .Executes(async () =>
        {
            var measured = await ImageInspection.CheckAsync(Docker, ImagesManifest.Read(ImagesManifestFile),
                name => name == ImageCatalog.Backend.Name ? BackendImageBudgetMb : FrontendImageBudgetMb,
                TemporaryDirectory / "images", Summary.Add, CancellationToken);
            measured.Write(ImagesManifestFile);
            Log.Success("both images within budget, non-root, no secret-looking content, every binary for its platform");
        });

    Target ImageTest => _ => _
        .Description("Runs tests/Images.Tests against the built images: they start, answer /health/live, run as uid 1654, have no shell; "
            + "the offline base is reproducible")
        .DependsOn(DockerBuild)
        .After(ImageSizeCheck)
        .Requires(DockerDaemon)
        .Executes(async () =>
        {
            var run = await DotNet.TestAsync(RootDirectory / "tests" / "Images.Tests" / "Images.Tests.csproj",
                ArtifactsDirectory / "test-results" / "Images.Tests.trx", ["-c", "Release"],
                new Dictionary<string, string?> { ["IMAGES_MANIFEST"] = ImagesManifestFile, ["DOCKER_CLI"] = DockerCli },
                CancellationToken);
            if (run.Report is not { } report)
                throw new TargetFailedException($"Images.Tests produced no results (dotnet test exited with {run.Result.ExitCode})");
            Summary.AddTestResults(report.Passed, report.Failed, report.Skipped);
            Summary.Add($"Images.Tests: {report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped");
            if (run.Result.ExitCode != 0)
                throw new TargetFailedException($"Images.Tests failed:\n  {string.Join("\n  ", report.FailedTests)}\n"
                    + $"(dotnet test exited with {run.Result.ExitCode}; see {run.Trx.RelativeTo(RootDirectory)})");
        });

    Target OfflineBaseLock => _ => _
        .Description("Re-pins build/Images/offline-base.lock to the versions apt offers now (run `apt-get update` first); commit the file")
        .Executes(async () =>
        {
            await OfflineBaseRepin.RunAsync(OfflineBaseLockFile, CancellationToken);
            Log.Success("{0} written; the offline base will be re-assembled on the next DockerBuild",
                OfflineBaseLockFile.RelativeTo(RootDirectory));
        });
}
