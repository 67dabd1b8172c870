using Tools;
using Engine;

namespace Images;

/// <summary>What the user asked of the base image: where it comes from, which official image, whether to try a pull.</summary>
public sealed record BaseImageRequest(
    BaseImageSource Source, string OfficialImage, bool PullRequested, AbsolutePath LockFile, AbsolutePath WorkDirectory);

/// <summary>A base both images build on: the reference their Dockerfiles get, and its image ID (part of each image's
/// content hash, so a changed base rebuilds them).</summary>
public sealed record ResolvedBaseImage(string Reference, string Id, string Description);

/// <summary>Picks the base for one platform: the official image when it is here (or one pull brings it), else the
/// offline one assembled from the pinned Debian packages (<see cref="BaseImageChoice"/> decides).</summary>
public static class BaseImageResolution
{
    public static async Task<ResolvedBaseImage> ResolveAsync(
        Docker docker, BaseImageRequest request, ContainerPlatform target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(target);
        var officialImage = request.OfficialImage;
        var official = await docker.InspectImageAsync(officialImage, cancellationToken);
        // A multi-architecture tag is stored locally for one architecture only: another one's counts as absent.
        if (official is not null && official.Architecture != target.Architecture)
        {
            Log.Info("{0} is on this machine for {1}, not {2}", officialImage, official.Architecture, target.Architecture);
            official = null;
        }

        // The offline base is assembled with apt-get download and dpkg-deb: Debian and Ubuntu only.
        var offlineBuildable = OperatingSystem.IsLinux()
            && ExecutableSearch.OnPath("apt-get") is not null
            && ExecutableSearch.OnPath("dpkg-deb") is not null;
        if (BaseImageChoice.ShouldTryPull(request.Source, official is not null, request.PullRequested, offlineBuildable)
            && await docker.TryPullAsync(officialImage, target, TimeSpan.FromSeconds(30), cancellationToken))
            official = await docker.InspectImageAsync(officialImage, cancellationToken);

        var (source, error) = BaseImageChoice.Decide(request.Source, official is not null, officialImage, offlineBuildable);
        if (error is not null)
            throw new TargetFailedException(error);
        if (source == BaseImageSource.Official)
        {
            Log.Info("base: {0} (official, {1})", officialImage, official!.Id);
            return new(officialImage, official.Id, $"{officialImage} (official)");
        }

        if (!OperatingSystem.IsLinux())
            throw new TargetFailedException(
                "unreachable: Decide answers the offline base only where it can be assembled (Linux with apt-get)");
        var lockName = Path.GetFileName(request.LockFile);
        var baseLock = BaseImageLock.Parse(await File.ReadAllTextAsync(request.LockFile, cancellationToken));
        if (request.Source == BaseImageSource.Auto)
            Log.Info("{0} is not on this machine; using the offline base from {1}", officialImage, lockName);
        var offline = new OfflineBaseImage(docker, request.WorkDirectory, target);
        var (reference, assembled) = await offline.EnsureAsync(baseLock, cancellationToken);
        var id = (await docker.InspectImageAsync(reference, cancellationToken))!.Id;
        Log.Info("base: {0} ({1}, {2})", reference, assembled ? "assembled from the lock file" : "cached", id);
        return new(reference, id, $"{reference} (offline, from build/Images/{lockName})");
    }
}
