namespace Engine;

/// <summary>"Did you mean …?" by edit distance (and prefix), for misspelled targets and options.</summary>
internal static class CloseMatches
{
    public static IReadOnlyList<string> Find(string given, IEnumerable<string> candidates)
    {
        var wanted = given.ToLowerInvariant();
        return [.. candidates
            .Select(c => (Candidate: c, Distance: Distance(wanted, c.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, wanted.Length / 3) || c.Candidate.StartsWith(given, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Distance)
            .Select(c => c.Candidate)];
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));

            previous = current;
        }

        return previous[b.Length];
    }
}
