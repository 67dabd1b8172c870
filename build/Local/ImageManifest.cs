using System.Text.Json;

namespace Local;

/// <summary>The two image references the local run starts, read from what the image stage wrote (artifacts/images.json).</summary>
public sealed record ImageManifest(string Backend, string Frontend)
{
    public const string BackendName = "todo-backend";
    public const string FrontendName = "todo-frontend";

    public static ImageManifest Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist: build the images first (./build.sh DockerBuild), or run Up/SmokeTest without --skip.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads <c>{"images":[{"name":"todo-backend","reference":"todo-backend:1.2.3-…"}, …]}</c>.</summary>
    public static ImageManifest Parse(string json, string source)
    {
        using var document = JsonDocument.Parse(json);
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array)
        {
            foreach (var image in images.EnumerateArray())
            {
                if (image.TryGetProperty("name", out var name) && image.TryGetProperty("reference", out var reference))
                    references[name.GetString() ?? ""] = reference.GetString() ?? "";
            }
        }

        return new ImageManifest(Reference(references, BackendName, source), Reference(references, FrontendName, source));
    }

    static string Reference(Dictionary<string, string> references, string name, string source) =>
        references.TryGetValue(name, out var reference) && !string.IsNullOrWhiteSpace(reference)
            ? reference
            : throw new InvalidDataException($"{source} names no image reference for {name}.");
}
