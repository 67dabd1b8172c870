using System.Security.Cryptography;
using System.Text;

namespace Images;

/// <summary>The hash of everything that goes into an image: the published files (paths, executable bits, bytes), the
/// Dockerfile, the .dockerignore, the base image ID and the build arguments. Equal hashes mean DockerBuild would make
/// the same image again, so it does no work; a changed byte anywhere (even on an uncommitted tree) means a new tag.</summary>
public static class ImageContentHash
{
    public static string Compute(string publishDirectory, IEnumerable<string> recipeFiles, IReadOnlyDictionary<string, string> inputs)
    {
        ArgumentNullException.ThrowIfNull(recipeFiles);
        ArgumentNullException.ThrowIfNull(inputs);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));

        var root = new DirectoryInfo(publishDirectory);
        foreach (var file in root.EnumerateFiles("*", SearchOption.AllDirectories)
                     .Select(f => (Path: Path.GetRelativePath(root.FullName, f.FullName).Replace('\\', '/'), File: f))
                     .OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var executable = !OperatingSystem.IsWindows() && (file.File.UnixFileMode & UnixFileMode.UserExecute) != 0;
            Add($"file {file.Path} {(executable ? "x" : "-")} {FileHash(file.File.FullName)}\n");
        }

        foreach (var recipe in recipeFiles)
            Add($"recipe {Path.GetFileName(recipe)} {FileHash(recipe)}\n");
        foreach (var (name, value) in inputs.OrderBy(i => i.Key, StringComparer.Ordinal))
            Add($"input {name}={value}\n");
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
