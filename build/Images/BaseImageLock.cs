using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Images;

/// <summary>One pinned Debian package of the offline base.</summary>
public sealed record LockedPackage(string Name, string Version)
{
    /// <summary>The form apt understands: <c>apt-get download libc6=2.36-9+deb12u14</c>.</summary>
    public override string ToString() => $"{Name}={Version}";
}

/// <summary>The lock file of the offline base: <c>name=version</c> lines, <c>#</c> comments and blank lines ignored.
/// Its <see cref="ContentHash"/> names the base image, so the same lock always means the same image.</summary>
public sealed partial record BaseImageLock(IReadOnlyList<LockedPackage> Packages)
{
    /// <summary>Bumped whenever <see cref="OfflineBaseImage"/> changes what it makes from the same packages, so that
    /// a recipe change yields a new tag instead of silently reusing an old image.</summary>
    public const int RecipeVersion = 2;

    public string ContentHash
    {
        get
        {
            // Canonical form: sorted lines, so reordering or re-commenting the file does not rebuild anything.
            var canonical = new StringBuilder().Append("recipe ").Append(RecipeVersion).Append('\n');
            foreach (var package in Packages.OrderBy(p => p.Name, StringComparer.Ordinal))
                canonical.Append(package).Append('\n');
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        }
    }

    public static BaseImageLock Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var packages = new List<LockedPackage>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0)
                throw new FormatException($"line {i + 1}: '{line}' is not 'name=version'");
            var name = line[..separator].Trim();
            var version = line[(separator + 1)..].Trim();
            if (!PackageName().IsMatch(name))
                throw new FormatException($"line {i + 1}: '{name}' is not a Debian package name");
            if (!PackageVersion().IsMatch(version))
                throw new FormatException($"line {i + 1}: '{version}' is not a Debian version (of {name})");
            if (packages.Any(p => p.Name == name))
                throw new FormatException($"line {i + 1}: {name} is pinned twice");
            packages.Add(new LockedPackage(name, version));
        }

        return packages.Count == 0
            ? throw new FormatException("the lock file pins no package")
            : new BaseImageLock(packages);
    }

    /// <summary>Renders a lock file with the given header comment; the inverse of <see cref="Parse"/>.</summary>
    public string Render(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var text = new StringBuilder();
        foreach (var line in header.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
            text.Append("# ").Append(line).Append('\n');
        foreach (var package in Packages.OrderBy(p => p.Name, StringComparer.Ordinal))
            text.Append(package).Append('\n');
        return text.ToString();
    }

    // Debian policy 5.6.1 and 5.6.12: lowercase names; versions [epoch:]upstream[-revision] starting with a digit.
    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackageName();

    [GeneratedRegex("^([0-9]+:)?[0-9][A-Za-z0-9.+~-]*$")]
    private static partial Regex PackageVersion();
}
