using Versioning;
using System.Diagnostics;
using System.Globalization;
using Engine;

namespace Images;

/// <summary>What every image of one DockerBuild shares: the repository root (build context), where the image ID files
/// go, the version, the commit's time and the base.</summary>
public sealed record ImageBuildInputs(
    AbsolutePath Root, AbsolutePath WorkDirectory, BuildVersion Version, string Created, ResolvedBaseImage Base);

/// <summary>Builds one app image from its publish directory, tagged &lt;SemVer&gt; and &lt;SemVer&gt;-&lt;content hash&gt;; an
/// image whose content hash is already built is not built again.</summary>
public static class ImageBuild
{
    public static async Task<BuiltImage> RunAsync(
        Docker docker, AppImage image, ContainerPlatform target, ImageBuildInputs inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(inputs);
        var publishDirectory = inputs.Root / image.PublishDirectoryFor(target);
        if (!Directory.Exists(publishDirectory) || !Directory.EnumerateFileSystemEntries(publishDirectory).Any())
            throw new TargetFailedException(
                $"{image.PublishDirectoryFor(target)} is empty: run ./build.sh Publish --image-platform {target.Name} first");

        var arguments = new Dictionary<string, string>
        {
            ["BASE_IMAGE"] = inputs.Base.Reference,
            ["APP_DIR"] = image.PublishDirectoryFor(target),
            ["VERSION"] = inputs.Version.SemVer,
            ["REVISION"] = inputs.Version.Sha,
            ["CREATED"] = inputs.Created,
            ["SOURCE"] = ImageCatalog.SourceRepository,
        };
        var stopwatch = Stopwatch.StartNew();
        var contentHash = ImageContentHash.Compute(
            publishDirectory,
            [inputs.Root / image.Dockerfile, inputs.Root / ".dockerignore"],
            new Dictionary<string, string>(arguments) { ["BASE_IMAGE_ID"] = inputs.Base.Id });
        var versionTag = ImageCatalog.VersionTag(inputs.Version.SemVer, target);
        var contentTag = ImageCatalog.ContentTag(inputs.Version.SemVer, contentHash, target);
        var reference = $"{image.Name}:{contentTag}";

        var existing = await docker.InspectImageAsync(reference, cancellationToken);
        string id;
        if (existing is not null && existing.Labels.GetValueOrDefault(ImageCatalog.ContentHashLabel) == contentHash)
        {
            id = existing.Id;
            Log.Info("{0}: unchanged, {1} already built ({2:0.00} s to check)", image.Name, reference, stopwatch.Elapsed.TotalSeconds);
        }
        else
        {
            using var _ = Log.Progress($"building {image.Name}");
            id = await docker.BuildAsync(
                new DockerBuildSpec(
                    inputs.Root / image.Dockerfile,
                    inputs.Root,
                    [reference, $"{image.Name}:{versionTag}"],
                    new Dictionary<string, string>(arguments) { ["CONTENT_HASH"] = contentHash },
                    inputs.WorkDirectory / $"{image.Name}.iid",
                    target),
                cancellationToken);
            Log.Success("{0}: built {1} ({2}) in {3:0.0} s", image.Name, reference, id, stopwatch.Elapsed.TotalSeconds);
        }

        // The version tag follows the newest build of this version, so `todo-backend:<SemVer>` is never stale.
        if ((await docker.InspectImageAsync($"{image.Name}:{versionTag}", cancellationToken))?.Id != id)
            await docker.TagAsync(reference, $"{image.Name}:{versionTag}", cancellationToken);
        return new BuiltImage(image.Name, image.Name, versionTag, contentTag, reference, id, contentHash, inputs.Base.Reference, image.Port)
        {
            Platform = target.Name,
        };
    }

    /// <summary>The commit's time, not the build's: an image label that changed on every build would defeat the
    /// content hash (and reproducibility).</summary>
    public static async Task<string> CommitTimeAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(
            new ProcessSpec("git", ["show", "-s", "--format=%cI", "HEAD"]) { Quiet = true, AllowFailure = true }, cancellationToken);
        var output = result.StandardOutput.Trim();
        return result.ExitCode == 0 && DateTimeOffset.TryParse(output, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "1970-01-01T00:00:00Z";
    }
}
