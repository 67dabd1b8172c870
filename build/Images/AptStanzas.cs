namespace Images;

/// <summary>Reads what the build needs from `apt-cache show` output (RFC 822-style stanzas separated by blank lines).</summary>
public static class AptStanzas
{
    /// <summary>The packages whose stanza says <c>Architecture: all</c>: one .deb serves every architecture.</summary>
    public static IReadOnlySet<string> ArchitectureIndependent(string aptCacheShow)
    {
        ArgumentNullException.ThrowIfNull(aptCacheShow);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stanza in aptCacheShow.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = stanza.Split('\n')
                .Select(line => line.Split(':', 2))
                .Where(pair => pair.Length == 2 && !pair[0].StartsWith(' '))
                .GroupBy(pair => pair[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
            if (fields.TryGetValue("Package", out var name) && fields.GetValueOrDefault("Architecture") == "all")
                names.Add(name);
        }

        return names;
    }
}
