using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Images;

/// <summary>An image as `docker save` writes it, unpacked into a directory: manifest.json, the config, one tar per
/// layer (the legacy layout and the OCI layout of newer engines both list them in manifest.json).</summary>
public sealed class SavedImage
{
    // The key of manifest.json (capitalised, as docker writes it) that lists the layer files.
    const string ManifestLayersKey = "Layers";

    readonly string _directory;

    SavedImage(string directory, string image, IReadOnlyList<(string CreatedBy, string Path)> layers)
    {
        _directory = directory;
        Image = image;
        Layers = layers;
    }

    public string Image { get; }

    /// <summary>Layers bottom-up, each with the instruction that made it.</summary>
    public IReadOnlyList<(string CreatedBy, string Path)> Layers { get; }

    public static SavedImage Open(string archivePath, string image, string directory)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        TarFile.ExtractToDirectory(archivePath, directory, overwriteFiles: true);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")));
        var entry = manifest.RootElement[0];
        var layerPaths = entry.GetProperty(ManifestLayersKey).EnumerateArray().Select(l => Path.Combine(directory, l.GetString()!))
            .ToList();
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, entry.GetProperty("Config").GetString()!)));

        // History has one entry per instruction; only those without empty_layer made a layer, in the same order.
        var creators = config.RootElement.TryGetProperty("history", out var history)
            ? history.EnumerateArray()
                .Where(h => !(h.TryGetProperty("empty_layer", out var empty) && empty.GetBoolean()))
                .Select(h => h.TryGetProperty("created_by", out var by) ? by.GetString() ?? "" : "")
                .ToList()
            : [];
        var layers = layerPaths.Select((path, i) => (i < creators.Count ? creators[i] : $"layer {i + 1}", path)).ToList();
        return new SavedImage(directory, image, layers);
    }

    /// <summary>Uncompressed and gzip-compressed (default level, as `docker push` does) size of every layer.</summary>
    public ImageSize Measure()
    {
        var sizes = new List<LayerSize>();
        foreach (var (createdBy, path) in Layers)
        {
            long uncompressed;
            var counter = new CountingStream();
            using (var layer = OpenLayer(path))
            using (var gzip = new GZipStream(counter, CompressionLevel.Optimal, leaveOpen: true))
            {
                var buffer = new byte[81920];
                uncompressed = 0;
                int read;
                while ((read = layer.Read(buffer)) > 0)
                {
                    gzip.Write(buffer, 0, read);
                    uncompressed += read;
                }
            }

            sizes.Add(new LayerSize(createdBy, uncompressed, counter.Length));
        }

        return new ImageSize(Image, sizes.Sum(s => s.UncompressedBytes), sizes.Sum(s => s.CompressedBytes), sizes);
    }

    /// <summary>Every regular file of every layer, with a way to read it; for the secret scan.</summary>
    public IEnumerable<(int Layer, string Path, long Length, Func<Stream> Open)> Files()
    {
        for (var i = 0; i < Layers.Count; i++)
        {
            using var reader = new TarReader(OpenLayer(Layers[i].Path));
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    continue;
                var data = entry.DataStream;
                yield return (i + 1, "/" + entry.Name.TrimStart('.', '/'), entry.Length, () => data);
            }
        }
    }

    /// <summary>Deletes the unpacked archive.</summary>
    public void Delete() => Directory.Delete(_directory, recursive: true);

    // Newer engines may store layers gzip-compressed inside the archive; the sizes we report are of the tar itself.
    static Stream OpenLayer(string path)
    {
        var file = File.OpenRead(path);
        var magic = new byte[2];
        var isGzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        return isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Counts what is written and keeps nothing: the compressed size without storing the compressed bytes.</summary>
    sealed class CountingStream : Stream
    {
        long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
