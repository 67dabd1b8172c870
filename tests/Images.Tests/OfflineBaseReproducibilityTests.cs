using System.Runtime.Versioning;
using System.Security.Cryptography;
using Images;

namespace Images.Tests;

/// <summary>The offline base is a function of the lock file: assembled twice from scratch, it is the same image, byte
/// for byte, and the same one DockerBuild used. Needs apt lists that know the pinned versions (`apt-get update`).</summary>
[SupportedOSPlatform("linux")]
public sealed class OfflineBaseReproducibilityTests : IDisposable
{
    readonly string _work = Directory.CreateTempSubdirectory("offline-base-").FullName;

    [Fact]
    public async Task Assembling_the_base_twice_from_the_lock_file_gives_the_same_image_ID()
    {
        var baseLock = BaseImageLock.Parse(await File.ReadAllTextAsync(Path.Combine(BuiltImages.RepositoryRoot, "build", "Images", "offline-base.lock")));

        // The base of the images under test: amd64 or arm64, as DockerBuild built them.
        var platform = ContainerPlatform.Parse(BuiltImages.Manifest[ImageCatalog.Backend.Name].Platform);
        var first = await new OfflineBaseImage(BuiltImages.Docker, Path.Combine(_work, "first"), platform).AssembleAsync(baseLock, CancellationToken.None);
        var second = await new OfflineBaseImage(BuiltImages.Docker, Path.Combine(_work, "second"), platform).AssembleAsync(baseLock, CancellationToken.None);

        Assert.Equal(Digest(first), Digest(second));
        // Loaded, the archive is the very image the build tagged from the same lock file (loading it again changes nothing).
        var reference = ImageCatalog.OfflineBase(baseLock, platform);
        var existing = await BuiltImages.Docker.InspectImageAsync(reference, CancellationToken.None);
        await BuiltImages.Docker.LoadAsync(first, CancellationToken.None);
        var loaded = await BuiltImages.Docker.InspectImageAsync(reference, CancellationToken.None);
        Assert.NotNull(loaded);
        if (existing is not null)
            Assert.Equal(existing.Id, loaded.Id);
        Assert.Equal("1654", loaded.User);
    }

    static string Digest(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
