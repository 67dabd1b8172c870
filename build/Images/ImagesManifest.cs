using System.Text.Json;
using System.Text.Json.Serialization;

namespace Images;

/// <summary>One built image as later stages see it: they deploy <see cref="Reference"/> (its tag carries the content
/// hash) and never look at the build's internals.</summary>
public sealed record BuiltImage(
    string Name,
    string Repository,
    string VersionTag,
    string ContentTag,
    string Reference,
    string ImageId,
    string ContentHash,
    string BaseImage,
    int Port)
{
    public ImageSizeRecord? Size { get; init; }

    /// <summary>What later stages deploy: the repository and the content tag, apart.</summary>
    [JsonIgnore]
    public ImageReference Image => new(Repository, ContentTag);

    /// <summary>What the image was built for (<c>linux/amd64</c>, <c>linux/arm64</c>); manifests from before arm64
    /// existed lack it and were amd64.</summary>
    public string Platform { get; init; } = ContainerPlatform.Amd64.Name;
}

public sealed record ImageSizeRecord(long UncompressedBytes, long CompressedBytes, long BudgetBytes,
    IReadOnlyList<LayerSize> LargestLayers);

/// <summary>artifacts/images.json: what DockerBuild built and ImageSizeCheck measured; the only thing HelmInstall and
/// local runs read to know which images to use.</summary>
public sealed record ImagesManifest(string Version, IReadOnlyList<BuiltImage> Images)
{
    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public BuiltImage this[string name] => Images.FirstOrDefault(i => i.Name == name)
        ?? throw new KeyNotFoundException(
            $"artifacts/images.json has no image '{name}' (it has: {string.Join(", ", Images.Select(i => i.Name))})");

    public static ImagesManifest Read(string path) =>
        File.Exists(path)
            ? JsonSerializer.Deserialize<ImagesManifest>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path} is empty")
            : throw new FileNotFoundException($"{path} does not exist: run ./build.sh DockerBuild first", path);

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Options) + "\n");
    }

    public ImagesManifest With(BuiltImage image) =>
        this with { Images = [.. Images.Where(i => i.Name != image.Name), image] };
}
