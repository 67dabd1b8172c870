using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Engine;

/// <summary>
/// What a target's result depends on: files by content (never timestamps) and named values (parameters, tool versions,
/// the version stamp). Each becomes one entry of <see cref="Fingerprint"/>, so a rerun can say what changed.
/// </summary>
public sealed class Inputs
{
    // Build products and caches are never inputs, wherever they sit in a folder that is.
    private static readonly HashSet<string> IgnoredFolders = ["bin", "obj", "node_modules", ".git", ".vs", "TestResults"];
    private readonly List<Func<IEnumerable<KeyValuePair<string, string>>>> _sources = [];

    /// <summary>Files under <paramref name="path"/> (a file or a folder, searched recursively), optionally only those
    /// ending with one of <paramref name="extensions"/>; a path that does not exist contributes nothing.</summary>
    public Inputs Files(AbsolutePath path, params string[] extensions)
    {
        _sources.Add(() => Enumerate(path, extensions).Select(file => KeyValuePair.Create(
            "file " + Path.GetRelativePath(BuildSession.Current.RootDirectory, file).Replace('\\', '/'), HashFile(file))));
        return this;
    }

    /// <summary>A value the result depends on; read when the fingerprint is taken, so it sees resolved parameters.
    /// Only its hash is recorded: a value may be a secret (a database URL with its password).</summary>
    public Inputs Value(string name, Func<object?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _sources.Add(() =>
            [KeyValuePair.Create("value " + name, HashText(Convert.ToString(value(), CultureInfo.InvariantCulture) ?? "(none)"))]);
        return this;
    }

    private static string HashText(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    internal Fingerprint Take() => new(_sources.SelectMany(source => source())
        .GroupBy(entry => entry.Key, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal));

    internal static IEnumerable<string> Enumerate(AbsolutePath path, IReadOnlyCollection<string> extensions)
    {
        if (File.Exists(path))
            return [path];

        if (!Directory.Exists(path))
            return [];

        return Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0 })
            .Where(file => extensions.Count == 0 || extensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Concat(Directory.EnumerateDirectories(path)
                .Where(folder => !IgnoredFolders.Contains(Path.GetFileName(folder)))
                .SelectMany(folder => Enumerate(new AbsolutePath(folder), extensions)))
            .Order(StringComparer.Ordinal);
    }

    internal static string HashFile(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    internal static string Hash(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append(key).Append('\0').Append(value).Append('\n');

        return HashText(text.ToString());
    }
}

/// <summary>The inputs as they are now: entry name → content hash (or value).</summary>
public sealed record Fingerprint(IReadOnlyDictionary<string, string> Entries)
{
    public string Hash => Inputs.Hash(Entries);

    /// <summary>What differs from <paramref name="earlier"/>, in words: "src/Todo.Api/Program.cs changed",
    /// "Configuration changed".</summary>
    public IReadOnlyList<string> ChangesSince(IReadOnlyDictionary<string, string> earlier) =>
    [
        .. Entries.Where(e => !earlier.TryGetValue(e.Key, out var value)).Select(e => $"{Name(e.Key)} added"),
        .. Entries.Where(e => earlier.TryGetValue(e.Key, out var value) && value != e.Value).Select(e => $"{Name(e.Key)} changed"),
        .. earlier.Keys.Where(k => !Entries.ContainsKey(k)).Select(k => $"{Name(k)} removed"),
    ];

    private static string Name(string key) => key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..];
}
