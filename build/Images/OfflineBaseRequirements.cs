using Engine;
using Tools;

namespace Images;

/// <summary>What assembling the offline base needs before any target runs.</summary>
public static class OfflineBaseRequirements
{
    /// <summary>For another architecture than this machine's, apt must be able to download Debian's packages for it
    /// (<see cref="AptForeignArchitecture"/>): otherwise DockerBuild would fail only after Publish has spent its minutes
    /// on the apps. Checked only when the offline base will be assembled: not when an official base of that platform is
    /// here or will be pulled, nor when the offline base of the lock file is already in the image store. The platform,
    /// the docker CLI and the base request are read when the requirement is checked (after the parameters are).</summary>
    public static Requirement ForeignPackagesKnown(Func<Task<ContainerPlatform>> target, Func<Docker> docker, Func<BaseImageRequest> baseRequest) =>
        new("Debian's packages for the image platform", async cancellationToken =>
        {
            var request = baseRequest();
            if (!OperatingSystem.IsLinux() || request.Source == BaseImageSource.Official
                || ExecutableSearch.OnPath("apt-get") is null || ExecutableSearch.OnPath("dpkg") is null)
                return null;
            var platform = await target();
            if (platform == ContainerPlatform.OfThisMachine())
                return null;
            var client = docker();
            // Without a docker CLI the DockerDaemon requirement says what to do; nothing here can be decided.
            if (ExecutableSearch.OnPath(client.Executable) is null)
                return null;
            var official = await client.InspectImageAsync(request.OfficialImage, cancellationToken);
            var officialPresent = official is not null && official.Architecture == platform.Architecture;
            if (request.Source == BaseImageSource.Auto
                && (officialPresent || BaseImageChoice.ShouldTryPull(request.Source, officialPresent, request.PullRequested, offlineBuildable: true)))
                return null;
            var baseLock = BaseImageLock.Parse(await File.ReadAllTextAsync(request.LockFile, cancellationToken));
            if (await client.InspectImageAsync(ImageCatalog.OfflineBase(baseLock, platform), cancellationToken) is not null)
                return null;

            var foreign = await ProcessRunner.RunAsync(
                new ProcessSpec("dpkg", ["--print-foreign-architectures"]) { Quiet = true, AllowFailure = true }, cancellationToken);
            var listed = await ProcessRunner.RunAsync(
                new ProcessSpec("apt-cache", ["show", "--no-all-versions", $"libc6:{platform.DebianArchitecture}"])
                    { Quiet = true, AllowFailure = true }, cancellationToken);
            return AptForeignArchitecture.Missing(platform,
                foreign.StandardOutput.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), listed.ExitCode == 0);
        });
}
