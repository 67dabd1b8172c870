using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using Images;

namespace Build.Tests.Images;

/// <summary>The two writers that make the offline base reproducible, on a small tree of their own (the assembly from
/// real Debian packages is exercised by tests/Images.Tests, which needs apt and a Docker daemon).</summary>
public sealed class OfflineBaseArchiveTests : IDisposable
{
    readonly string _work = Directory.CreateTempSubdirectory("rootfs-").FullName;
    readonly string _rootfs;

    public OfflineBaseArchiveTests()
    {
        _rootfs = Path.Combine(_work, "rootfs");
        Directory.CreateDirectory(Path.Combine(_rootfs, "etc"));
        Directory.CreateDirectory(Path.Combine(_rootfs, "home", "app"));
        File.WriteAllText(Path.Combine(_rootfs, "etc", "passwd"), "app:x:1654:1654::/home/app:/usr/sbin/nologin\n");
        File.CreateSymbolicLink(Path.Combine(_rootfs, "etc", "os-release"), "../usr/lib/os-release");
    }

    byte[] Archive()
    {
        using var stream = new MemoryStream();
        RootfsArchive.Write(_rootfs, stream, path => path == "home/app" ? (1654, 1654) : (0, 0));
        return stream.ToArray();
    }

    static List<TarEntry> Entries(byte[] archive)
    {
        using var reader = new TarReader(new MemoryStream(archive));
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
            entries.Add(entry);
        return entries;
    }

    [Fact]
    public void The_same_tree_gives_the_same_bytes_whenever_it_is_archived()
    {
        var first = Archive();
        File.SetLastWriteTimeUtc(Path.Combine(_rootfs, "etc", "passwd"), DateTime.UtcNow.AddDays(-3));

        Assert.Equal(first, Archive());
    }

    [Fact]
    public void Entries_are_sorted_with_one_fixed_time_numeric_owners_and_no_owner_names()
    {
        var entries = Entries(Archive());

        Assert.Equal(["etc/", "etc/os-release", "etc/passwd", "home/", "home/app/"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Equal(DateTimeOffset.UnixEpoch, e.ModificationTime));
        Assert.All(entries.OfType<PosixTarEntry>(), e => Assert.Equal("", e.UserName));
        Assert.Equal((1654, 1654), (entries[4].Uid, entries[4].Gid));
        Assert.Equal((0, 0), (entries[2].Uid, entries[2].Gid));
    }

    [Fact]
    public void A_symlink_to_a_host_directory_is_archived_as_a_link_and_never_followed()
    {
        Directory.CreateDirectory(Path.Combine(_rootfs, "usr", "lib", "ssl"));
        File.CreateSymbolicLink(Path.Combine(_rootfs, "usr", "lib", "ssl", "certs"), "/etc");

        var entries = Entries(Archive());

        var link = Assert.Single(entries, e => e.Name.StartsWith("usr/lib/ssl/certs", StringComparison.Ordinal));
        Assert.Equal(TarEntryType.SymbolicLink, link.EntryType);
        Assert.Equal("/etc", link.LinkName);
    }

    [Fact]
    public void The_image_ID_is_the_digest_of_a_config_without_any_build_time_so_it_repeats()
    {
        var layer = Path.Combine(_work, "layer.tar");
        File.WriteAllBytes(layer, Archive());
        var spec = new ImageConfigSpec("1654", ["APP_UID=1654"], new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }, "test", ContainerPlatform.Amd64);

        using var first = new MemoryStream();
        using var second = new MemoryStream();
        var id = ImageArchive.Write(layer, spec, "todo-base:offline-test", first);
        ImageArchive.Write(layer, spec, "todo-base:offline-test", second);

        Assert.Equal(first.ToArray(), second.ToArray());
        var entries = Entries(first.ToArray());
        var config = entries.Single(e => e.Name == $"{id["sha256:".Length..]}.json");
        using var configBytes = new MemoryStream();
        config.DataStream!.CopyTo(configBytes);
        Assert.Equal(id, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(configBytes.ToArray())));
        using var json = JsonDocument.Parse(configBytes.ToArray());
        Assert.Equal("1970-01-01T00:00:00Z", json.RootElement.GetProperty("created").GetString());
        Assert.Equal("1654", json.RootElement.GetProperty("config").GetProperty("User").GetString());
        Assert.Equal($"sha256:{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(layer)))}",
            json.RootElement.GetProperty("rootfs").GetProperty("diff_ids")[0].GetString());
    }

    [Theory]
    [InlineData("amd64", null)]
    [InlineData("arm64", "v8")]
    public void The_config_declares_the_architecture_the_base_was_assembled_for(string architecture, string? variant)
    {
        var layer = Path.Combine(_work, "layer.tar");
        File.WriteAllBytes(layer, Archive());
        var spec = new ImageConfigSpec("1654", [], new Dictionary<string, string>(), "test", ContainerPlatform.Parse(architecture));

        using var archive = new MemoryStream();
        var id = ImageArchive.Write(layer, spec, "todo-base:offline-test", archive);

        var config = Entries(archive.ToArray()).Single(e => e.Name == $"{id["sha256:".Length..]}.json");
        using var json = JsonDocument.Parse(config.DataStream!);
        Assert.Equal(architecture, json.RootElement.GetProperty("architecture").GetString());
        Assert.Equal("linux", json.RootElement.GetProperty("os").GetString());
        Assert.Equal(variant, json.RootElement.TryGetProperty("variant", out var v) ? v.GetString() : null);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
