using Engine;

namespace Images;

/// <summary>OfflineBaseLock's work: every package of the lock file re-pinned to the version apt offers now
/// (<c>apt-cache policy</c>'s Candidate), the file's comment header kept.</summary>
public static class OfflineBaseRepin
{
    public static async Task RunAsync(string lockFile, CancellationToken cancellationToken)
    {
        var current = BaseImageLock.Parse(await File.ReadAllTextAsync(lockFile, cancellationToken));
        var pinned = new List<LockedPackage>();
        foreach (var package in current.Packages)
        {
            var policy = await ProcessRunner.RunAsync(
                new ProcessSpec("apt-cache", ["policy", package.Name]) { Quiet = true }, cancellationToken);
            var candidate = policy.StandardOutput.Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => l.StartsWith("Candidate:", StringComparison.Ordinal))?["Candidate:".Length..].Trim();
            if (candidate is null or "(none)")
                throw new TargetFailedException($"apt knows no version of {package.Name}: run `apt-get update` (as root) and try again");
            if (candidate != package.Version)
                Log.Info("{0}: {1} → {2}", package.Name, package.Version, candidate);
            pinned.Add(package with { Version = candidate });
        }

        var header = string.Join('\n', (await File.ReadAllLinesAsync(lockFile, cancellationToken))
            .TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#').TrimStart()));
        await File.WriteAllTextAsync(lockFile, new BaseImageLock(pinned).Render(header), cancellationToken);
    }
}
