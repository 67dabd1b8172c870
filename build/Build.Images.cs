using System.Diagnostics;
using System.Globalization;
using Cluster;
using Engine;
using Images;
using k8s;

/// <summary>Publish → DockerBuild → ImageSizeCheck: self-contained linux-x64 apps, packaged runtime-only on a distroless,
/// non-root base (the official chiseled image, or one assembled offline from pinned Debian packages). See docs/images.md.</summary>
partial class Build
{
    [Parameter("Base of both images: Auto (the official image when it is on this machine, else the offline one), Official, Offline")]
    readonly BaseImageSource BaseImageSource = BaseImageSource.Auto;

    [Parameter("The official base image (the Dockerfiles' default)")]
    readonly string OfficialBaseImage = ImageCatalog.OfficialBase;

    [Parameter("Try one pull of the official base (at most 30 s) when it is not on this machine; off by default where the offline base can be assembled (Debian/Ubuntu), always tried elsewhere (macOS, Windows)")]
    readonly bool PullBaseImage;

    [Parameter("Platform of both images: linux/amd64 or linux/arm64; default: when deploying, the architecture the cluster's nodes report, else this machine's")]
    readonly string? ImagePlatform;

    [Parameter("Size budget of the todo-backend image in MB (10^6 bytes, uncompressed)")]
    readonly double BackendImageBudgetMb = ImageCatalog.Backend.DefaultBudgetMegabytes;

    [Parameter("Size budget of the todo-frontend image in MB (10^6 bytes, uncompressed)")]
    readonly double FrontendImageBudgetMb = ImageCatalog.Frontend.DefaultBudgetMegabytes;

    /// <summary>What DockerBuild built and ImageSizeCheck measured; later stages read only this file.</summary>
    AbsolutePath ImagesManifestFile => ArtifactsDirectory / "images.json";

    AbsolutePath OfflineBaseLockFile => RootDirectory / "build" / "Images" / "offline-base.lock";

    ContainerPlatform? platform;

    /// <summary>The platform Publish and DockerBuild build for, decided once per run (see <see cref="ImagePlatformChoice"/>).</summary>
    async Task<ContainerPlatform> PlatformAsync()
    {
        if (platform is not null)
            return platform;
        ContainerPlatform? requested = null;
        if (ImagePlatform is not null && !ContainerPlatform.TryParse(ImagePlatform, out requested))
            throw new TargetFailedException($"--image-platform '{ImagePlatform}' is not one the images are built for: use {string.Join(" or ", ContainerPlatform.All.Select(p => p.Name))}");
        // Only a build that deploys asks the cluster: a plain DockerBuild must not depend on a kube context.
        var nodes = requested is null && IsScheduled(HelmInstall) ? await NodeArchitecturesAsync() : null;
        var decision = ImagePlatformChoice.Decide(requested, nodes, ContainerPlatform.OfThisMachine());
        platform = decision.Platform ?? throw new TargetFailedException(decision.Error ?? "no image platform");
        Log.Info("image platform: {0} ({1})", platform.Name, decision.Reason);
        return platform;
    }

    /// <summary>What each node's kubelet reports (node.status.nodeInfo.architecture); null when no cluster answers,
    /// so the decision falls back to this machine (HelmInstall's own requirement then says what is wrong).</summary>
    async Task<IReadOnlyList<NodeArchitecture>?> NodeArchitecturesAsync()
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
            timeout.CancelAfter(ClusterAccess.VersionCallTimeout);
            var nodes = await Kube.Client.CoreV1.ListNodeAsync(cancellationToken: timeout.Token);
            return [.. nodes.Items.Select(n => new NodeArchitecture(n.Metadata.Name, n.Status?.NodeInfo?.Architecture ?? "unknown"))];
        }
        catch (Exception e) when (e is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
        {
            Log.Warn("could not list the cluster's nodes to pick the image platform ({0}); using this machine's", e.Message);
            return null;
        }
    }

    Target Publish => _ => _
        .Description("Publishes Todo.Api and Todo.Web self-contained for the image platform (linux-x64 or linux-arm64) into artifacts/publish/<image>[-arm64] (the modes chosen in docs/images.md)")
        .DependsOn(Compile)
        .After(Test)
        .Executes(async () =>
        {
            var target = await PlatformAsync();
            foreach (var image in ImageCatalog.All)
            {
                var output = RootDirectory / image.PublishDirectoryFor(target);
                // A stale file from an earlier publish would otherwise ship in the image.
                if (Directory.Exists(output))
                    Directory.Delete(output, recursive: true);
                using var _ = Log.Progress($"publishing {image.Name} for {target.Name}");
                await DotNet.RunAsync(DotNet.Spec([
                    "publish", RootDirectory / image.Project, "--nologo", "-v", "quiet", "-clp:NoSummary",
                    "-c", "Release", "-r", target.RuntimeIdentifier, "--self-contained", "-o", output,
                    .. Version.MsBuildProperties.Concat(image.PublishProperties).Select(p => $"-p:{p.Key}={p.Value}"),
                ]));
                Log.Success("{0}: {1} in {2}", image.Name, ImageSizeBudget.FormatMegabytes(DirectorySize(output)), image.PublishDirectoryFor(target));
            }
        });

    Target DockerBuild => _ => _
        .Description("Builds todo-backend and todo-frontend from artifacts/publish, tagged <SemVer> and <SemVer>-<content hash>; skips an image whose content is unchanged")
        .DependsOn(Publish)
        .Requires(DockerDaemon)
        .Executes(async () =>
        {
            var target = await PlatformAsync();
            var (baseReference, baseId) = await ResolveBaseImageAsync(target);
            var created = await CommitTimeAsync();
            var images = new List<BuiltImage>();
            foreach (var image in ImageCatalog.All)
                images.Add(await BuildImageAsync(image, target, baseReference, baseId, created));
            new ImagesManifest(Version.SemVer, images).Write(ImagesManifestFile);
            Log.Info("wrote {0}", ImagesManifestFile.RelativeTo(RootDirectory));
        });

    Target ImageSizeCheck => _ => _
        .Description("Measures both images (uncompressed, gzip, largest layers) against their budgets and scans them for secrets and a root user")
        .DependsOn(DockerBuild)
        .Requires(DockerDaemon)
        .Executes(async () =>
        {
            var manifest = ImagesManifest.Read(ImagesManifestFile);
            var rows = new List<(ImageSize Size, ImageSizeBudget Budget)>();
            var findings = new List<SecretFinding>();
            var foreignBinaries = new List<string>();
            foreach (var built in manifest.Images)
            {
                var budget = new ImageSizeBudget(built.Name, built.Name == ImageCatalog.Backend.Name ? BackendImageBudgetMb : FrontendImageBudgetMb);
                var inspected = await Docker.InspectImageAsync(built.Reference, CancellationToken)
                    ?? throw new TargetFailedException($"{built.Reference} (from {ImagesManifestFile.RelativeTo(RootDirectory)}) is not in the local image store: run ./build.sh DockerBuild");
                var archive = TemporaryDirectory / "images" / $"{built.Name}.tar";
                Directory.CreateDirectory(archive.Parent!);
                await Docker.SaveAsync(built.Reference, archive, CancellationToken);
                var saved = SavedImage.Open(archive, built.Name, TemporaryDirectory / "images" / built.Name);
                try
                {
                    var size = saved.Measure();
                    rows.Add((size, budget));
                    findings.AddRange(SecretScan.InConfig(inspected));
                    findings.AddRange(SecretScan.InLayers(saved));
                    // Built for another architecture, a wrong binary would only show on a node, as "exec format error".
                    var platform = ContainerPlatform.Parse(built.Platform);
                    if (inspected.Architecture != platform.Architecture)
                        foreignBinaries.Add($"{built.Reference}: the image config says {inspected.Architecture}, images.json {platform.Architecture}");
                    var (elfFiles, foreign) = ElfArchitecture.Check(saved, platform);
                    foreignBinaries.AddRange(foreign.Select(f => $"{built.Reference}: {f}"));
                    Log.Info("{0}: {1} ELF files, {2} not {3}", built.Name, elfFiles, foreign.Count, platform.Architecture);
                    manifest = manifest.With(built with
                    {
                        Size = new ImageSizeRecord(size.UncompressedBytes, size.CompressedBytes, budget.Bytes, [.. size.LargestLayers(3)]),
                    });
                    Summary.Add($"{built.Reference}: {ImageSizeBudget.FormatMegabytes(size.UncompressedBytes)} ({ImageSizeBudget.FormatMegabytes(size.CompressedBytes)} gzip), budget {ImageSizeBudget.FormatMegabytes(budget.Bytes)}{(budget.IsMetBy(size) ? "" : " — OVER")}");
                }
                finally
                {
                    saved.Delete();
                    File.Delete(archive);
                }
            }

            manifest.Write(ImagesManifestFile);
            Log.Info("image sizes:\n{0}", ImageSizeBudget.Table(rows));
            var over = rows.Where(r => !r.Budget.IsMetBy(r.Size)).Select(r => r.Size.Image).ToList();
            var problems = new List<string>();
            if (over.Count > 0)
                problems.Add($"{string.Join(" and ", over)} over budget.\n{ImageSizeBudget.OverBudgetHint}");
            if (findings.Count > 0)
                problems.Add($"secret-looking content or a root user in the images:\n  {string.Join("\n  ", findings)}\n" +
                    "Secrets belong in the deployment (Kubernetes Secrets, environment at run time), never in an image: remove them from " +
                    "appsettings*.json / the Dockerfile and republish.");
            if (foreignBinaries.Count > 0)
                problems.Add($"binaries for another architecture in the images:\n  {string.Join("\n  ", foreignBinaries.Take(20))}\n" +
                    "Publish and package for one platform: ./build.sh DockerBuild --image-platform <the platform>.");
            if (problems.Count > 0)
                throw new TargetFailedException(string.Join("\n", problems));
            Log.Success("both images within budget, non-root, no secret-looking content, every binary for its platform");
        });

    Target ImageTest => _ => _
        .Description("Runs tests/Images.Tests against the built images: they start, answer /health/live, run as uid 1654, have no shell; the offline base is reproducible")
        .DependsOn(DockerBuild)
        .After(ImageSizeCheck)
        .Requires(DockerDaemon)
        .Executes(async () =>
        {
            var run = await DotNet.TestAsync(RootDirectory / "tests" / "Images.Tests" / "Images.Tests.csproj",
                ArtifactsDirectory / "test-results" / "Images.Tests.trx", ["-c", "Release"],
                new Dictionary<string, string?> { ["IMAGES_MANIFEST"] = ImagesManifestFile, ["DOCKER_CLI"] = DockerCli }, CancellationToken);
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
            var current = BaseImageLock.Parse(await File.ReadAllTextAsync(OfflineBaseLockFile, CancellationToken));
            var pinned = new List<LockedPackage>();
            foreach (var package in current.Packages)
            {
                var policy = await ProcessRunner.RunAsync(new ProcessSpec("apt-cache", ["policy", package.Name]) { Quiet = true }, CancellationToken);
                var candidate = policy.StandardOutput.Split('\n').Select(l => l.Trim())
                    .FirstOrDefault(l => l.StartsWith("Candidate:", StringComparison.Ordinal))?["Candidate:".Length..].Trim();
                if (candidate is null or "(none)")
                    throw new TargetFailedException($"apt knows no version of {package.Name}: run `apt-get update` (as root) and try again");
                if (candidate != package.Version)
                    Log.Info("{0}: {1} → {2}", package.Name, package.Version, candidate);
                pinned.Add(package with { Version = candidate });
            }

            var header = string.Join('\n', (await File.ReadAllLinesAsync(OfflineBaseLockFile, CancellationToken))
                .TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#').TrimStart()));
            await File.WriteAllTextAsync(OfflineBaseLockFile, new BaseImageLock(pinned).Render(header), CancellationToken);
            Log.Success("{0} written; the offline base will be re-assembled on the next DockerBuild", OfflineBaseLockFile.RelativeTo(RootDirectory));
        });

    async Task<(string Reference, string Id)> ResolveBaseImageAsync(ContainerPlatform target)
    {
        var official = await Docker.InspectImageAsync(OfficialBaseImage, CancellationToken);
        // A multi-architecture tag is stored locally for one architecture only: another one's counts as absent.
        if (official is not null && official.Architecture != target.Architecture)
        {
            Log.Info("{0} is on this machine for {1}, not {2}", OfficialBaseImage, official.Architecture, target.Architecture);
            official = null;
        }

        // The offline base is assembled with apt-get download and dpkg-deb: Debian and Ubuntu only.
        var offlineBuildable = OperatingSystem.IsLinux() && ExecutableSearch.OnPath("apt-get") is not null && ExecutableSearch.OnPath("dpkg-deb") is not null;
        if (BaseImageChoice.ShouldTryPull(BaseImageSource, official is not null, PullBaseImage, offlineBuildable)
            && await Docker.TryPullAsync(OfficialBaseImage, target, TimeSpan.FromSeconds(30), CancellationToken))
            official = await Docker.InspectImageAsync(OfficialBaseImage, CancellationToken);

        var (source, error) = BaseImageChoice.Decide(BaseImageSource, official is not null, OfficialBaseImage, offlineBuildable);
        if (error is not null)
            throw new TargetFailedException(error);
        if (source == BaseImageSource.Official)
        {
            Log.Info("base: {0} (official, {1})", OfficialBaseImage, official!.Id);
            Summary.Add($"base image: {OfficialBaseImage} (official)");
            return (OfficialBaseImage, official.Id);
        }

        if (!OperatingSystem.IsLinux())
            throw new TargetFailedException("unreachable: Decide answers the offline base only where it can be assembled (Linux with apt-get)");
        var baseLock = BaseImageLock.Parse(await File.ReadAllTextAsync(OfflineBaseLockFile, CancellationToken));
        if (BaseImageSource == BaseImageSource.Auto)
            Log.Info("{0} is not on this machine; using the offline base from {1}", OfficialBaseImage, OfflineBaseLockFile.RelativeTo(RootDirectory));
        var (reference, assembled) = await new OfflineBaseImage(Docker, TemporaryDirectory / "offline-base", target).EnsureAsync(baseLock, CancellationToken);
        var id = (await Docker.InspectImageAsync(reference, CancellationToken))!.Id;
        Log.Info("base: {0} ({1}, {2})", reference, assembled ? "assembled from the lock file" : "cached", id);
        Summary.Add($"base image: {reference} (offline, from {OfflineBaseLockFile.RelativeTo(RootDirectory)})");
        return (reference, id);
    }

    async Task<BuiltImage> BuildImageAsync(AppImage image, ContainerPlatform target, string baseReference, string baseId, string created)
    {
        var publishDirectory = RootDirectory / image.PublishDirectoryFor(target);
        if (!Directory.Exists(publishDirectory) || !Directory.EnumerateFileSystemEntries(publishDirectory).Any())
            throw new TargetFailedException($"{image.PublishDirectoryFor(target)} is empty: run ./build.sh Publish --image-platform {target.Name} first");

        var arguments = new Dictionary<string, string>
        {
            ["BASE_IMAGE"] = baseReference,
            ["APP_DIR"] = image.PublishDirectoryFor(target),
            ["VERSION"] = Version.SemVer,
            ["REVISION"] = Version.Sha,
            ["CREATED"] = created,
            ["SOURCE"] = ImageCatalog.SourceRepository,
        };
        var stopwatch = Stopwatch.StartNew();
        var contentHash = ImageContentHash.Compute(
            publishDirectory,
            [RootDirectory / image.Dockerfile, RootDirectory / ".dockerignore"],
            new Dictionary<string, string>(arguments) { ["BASE_IMAGE_ID"] = baseId });
        var versionTag = ImageCatalog.VersionTag(Version.SemVer, target);
        var contentTag = ImageCatalog.ContentTag(Version.SemVer, contentHash, target);
        var reference = $"{image.Name}:{contentTag}";

        var existing = await Docker.InspectImageAsync(reference, CancellationToken);
        string id;
        if (existing is not null && existing.Labels.GetValueOrDefault(ImageCatalog.ContentHashLabel) == contentHash)
        {
            id = existing.Id;
            Log.Info("{0}: unchanged, {1} already built ({2:0.00} s to check)", image.Name, reference, stopwatch.Elapsed.TotalSeconds);
        }
        else
        {
            using var _ = Log.Progress($"building {image.Name}");
            id = await Docker.BuildAsync(
                new DockerBuildSpec(
                    RootDirectory / image.Dockerfile,
                    RootDirectory,
                    [reference, $"{image.Name}:{versionTag}"],
                    new Dictionary<string, string>(arguments) { ["CONTENT_HASH"] = contentHash },
                    TemporaryDirectory / $"{image.Name}.iid",
                    target),
                CancellationToken);
            Log.Success("{0}: built {1} ({2}) in {3:0.0} s", image.Name, reference, id, stopwatch.Elapsed.TotalSeconds);
        }

        // The version tag follows the newest build of this version, so `todo-backend:<SemVer>` is never stale.
        if ((await Docker.InspectImageAsync($"{image.Name}:{versionTag}", CancellationToken))?.Id != id)
            await Docker.TagAsync(reference, $"{image.Name}:{versionTag}", CancellationToken);
        return new BuiltImage(image.Name, image.Name, versionTag, contentTag, reference, id, contentHash, baseReference, image.Port) { Platform = target.Name };
    }

    /// <summary>The commit's time, not the build's: an image label that changed on every build would defeat the
    /// content hash (and reproducibility).</summary>
    async Task<string> CommitTimeAsync()
    {
        var result = await ProcessRunner.RunAsync(new ProcessSpec("git", ["show", "-s", "--format=%cI", "HEAD"]) { Quiet = true, AllowFailure = true }, CancellationToken);
        return result.ExitCode == 0 && DateTimeOffset.TryParse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "1970-01-01T00:00:00Z";
    }

    static long DirectorySize(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
