using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;

namespace Images;

/// <summary>What the single-layer image made from a root filesystem declares about itself.</summary>
public sealed record ImageConfigSpec(
    string User,
    IReadOnlyList<string> Environment,
    IReadOnlyDictionary<string, string> Labels,
    string CreatedBy,
    ContainerPlatform Platform);

/// <summary>Writes a single-layer image in the archive format `docker load` reads (manifest.json, the config
/// blob named by its digest, layer.tar). Unlike `docker import` or a Dockerfile build, every byte of the config
/// is ours — no build time in it — so the image ID (the config's digest) is a pure function of the layer.</summary>
public static class ImageArchive
{
    /// <returns>The image ID (<c>sha256:…</c> of the config) `docker load` will report.</returns>
    public static string Write(string layerTarPath, ImageConfigSpec spec, string repositoryTag, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string diffId;
        using (var layer = File.OpenRead(layerTarPath))
            diffId = Convert.ToHexStringLower(SHA256.HashData(layer));

        var config = ConfigJson(spec, diffId);
        var configId = Convert.ToHexStringLower(SHA256.HashData(config));
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new[]
        {
            new Dictionary<string, object>
            {
                ["Config"] = $"{configId}.json",
                ["RepoTags"] = new[] { repositoryTag },
                ["Layers"] = new[] { $"{diffId}/layer.tar" },
            },
        });

        using var writer = new TarWriter(destination, TarEntryFormat.Gnu, leaveOpen: true);
        WriteFile(writer, $"{configId}.json", new MemoryStream(config));
        using (var layer = File.OpenRead(layerTarPath))
            WriteFile(writer, $"{diffId}/layer.tar", layer);
        WriteFile(writer, "manifest.json", new MemoryStream(manifest));
        return $"sha256:{configId}";
    }

    static void WriteFile(TarWriter writer, string name, Stream content)
    {
        var entry = new GnuTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = content,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            ModificationTime = RootfsArchive.FixedTime,
            AccessTime = RootfsArchive.FixedTime,
            ChangeTime = RootfsArchive.FixedTime,
        };
        writer.WriteEntry(entry);
    }

    // The OCI image config, written field by field so its bytes (and so the image ID) never depend on a serializer's
    // ordering or on the time of the build.
    static byte[] ConfigJson(ImageConfigSpec spec, string diffId)
    {
        var created = RootfsArchive.FixedTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
            System.Globalization.CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("architecture", spec.Platform.Architecture);
            json.WriteStartObject("config");
            json.WriteString("User", spec.User);
            json.WriteStartArray("Env");
            foreach (var variable in spec.Environment)
                json.WriteStringValue(variable);
            json.WriteEndArray();
            json.WriteString("WorkingDir", "/");
            json.WriteStartObject("Labels");
            foreach (var (key, value) in spec.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
                json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("created", created);
            json.WriteStartArray("history");
            json.WriteStartObject();
            json.WriteString("created", created);
            json.WriteString("created_by", spec.CreatedBy);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("os", "linux");
            if (spec.Platform.Variant is { } variant)
                json.WriteString("variant", variant);
            json.WriteStartObject("rootfs");
            json.WriteString("type", "layers");
            json.WriteStartArray("diff_ids");
            json.WriteStringValue($"sha256:{diffId}");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
