using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tools;

namespace Build.Tests.Tools;

/// <summary>
/// helm's release download for macOS, Windows and linux-arm64, against a loopback file server laid out like
/// get.helm.sh: <c>helm-VERSION-OS-ARCH.tar.gz</c> (zip on Windows) holding <c>OS-ARCH/helm</c>, LICENSE and
/// README.md, and beside it <c>….sha256sum</c> holding "HEX  FILENAME" (helm's release layout, helm.sh/docs/intro/install).
/// </summary>
public sealed class HelmReleaseArchiveTests : IAsyncLifetime
{
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly string target = Path.Combine(Path.GetTempPath(), "helm-release-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication server = null!;
    private Uri site = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(target);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        server = builder.Build();
        server.MapGet("/{name}", (string name) => files.TryGetValue(name, out var bytes) ? Results.Bytes(bytes) : Results.NotFound());
        await server.StartAsync();
        site = new Uri(server.Urls.Single() + "/");
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(target, recursive: true);
    }

    private void Publish(string archiveName, byte[] archive, string? checksum = null)
    {
        files[archiveName] = archive;
        files[archiveName + ".sha256sum"] = Encoding.ASCII.GetBytes($"{checksum ?? Convert.ToHexStringLower(SHA256.HashData(archive))}  {archiveName}\n");
    }

    private static byte[] TarGz(string platform, byte[] helm)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var (name, content) in new[] { ($"{platform}/LICENSE", "Apache"u8.ToArray()), ($"{platform}/README.md", "helm"u8.ToArray()), ($"{platform}/helm", helm) })
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            }
        }

        return output.ToArray();
    }

    [Theory]
    [InlineData("darwin", "arm64")]
    [InlineData("darwin", "amd64")]
    [InlineData("linux", "arm64")]
    public async Task The_helm_inside_the_verified_archive_is_installed(string os, string arch)
    {
        var helm = Encoding.ASCII.GetBytes($"helm for {os}-{arch}");
        Publish($"helm-{HelmProvisioning.Version}-{os}-{arch}.tar.gz", TarGz($"{os}-{arch}", helm));
        var executable = Path.Combine(target, "helm");

        await HelmProvisioning.FetchReleaseAsync(site, os, arch, executable, CancellationToken.None);

        Assert.Equal(helm, await File.ReadAllBytesAsync(executable));
    }

    [Fact]
    public async Task On_Windows_helm_exe_comes_out_of_the_zip()
    {
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("windows-amd64/helm.exe").Open();
            await entry.WriteAsync("MZ helm"u8.ToArray());
        }

        Publish($"helm-{HelmProvisioning.Version}-windows-amd64.zip", zipped.ToArray());
        var executable = Path.Combine(target, "helm.exe");

        await HelmProvisioning.FetchReleaseAsync(site, "windows", "amd64", executable, CancellationToken.None);

        Assert.Equal("MZ helm"u8.ToArray(), await File.ReadAllBytesAsync(executable));
    }

    [Fact]
    public async Task An_archive_that_does_not_match_its_published_checksum_is_refused_and_nothing_is_written()
    {
        Publish($"helm-{HelmProvisioning.Version}-darwin-arm64.tar.gz", TarGz("darwin-arm64", "tampered"u8.ToArray()), checksum: new string('0', 64));
        var executable = Path.Combine(target, "helm");

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => HelmProvisioning.FetchReleaseAsync(site, "darwin", "arm64", executable, CancellationToken.None));

        Assert.Contains("refusing to use it", refusal.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(executable));
    }

    [Theory]
    [InlineData(global::Prerequisites.HostOs.MacOS, "`brew install helm`")]
    [InlineData(global::Prerequisites.HostOs.Windows, "`winget install Helm.Helm`")]
    [InlineData(global::Prerequisites.HostOs.Linux, "get-helm-4 | bash`")]
    public void When_the_download_fails_the_install_command_for_the_OS_is_given(global::Prerequisites.HostOs os, string command) =>
        Assert.Contains(command, HelmProvisioning.InstallAdvice(os), StringComparison.Ordinal);
}
