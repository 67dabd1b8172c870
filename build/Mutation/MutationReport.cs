using System.Text.Json;

namespace Mutation;

/// <summary>
/// A Stryker JSON report (the mutation-testing-elements schema, https://github.com/stryker-mutator/mutation-testing-elements,
/// packages/report-schema): per file its source and mutants, each with a status and a 1-based location.
/// Only what the table needs is read; unknown fields are ignored so a newer schema minor version still parses.
/// </summary>
public sealed record MutationReport(IReadOnlyList<MutatedFile> Files)
{
    /// <param name="relativeTo">Stryker keys files by absolute path; the table names them relative to this (the repository root).</param>
    public static MutationReport Read(string path, string? relativeTo = null) => Parse(File.ReadAllText(path), relativeTo);

    public static MutationReport Parse(string json, string? relativeTo = null)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException("not a mutation-testing-elements report: no \"files\" object at the top");

        return new MutationReport([
            .. files.EnumerateObject()
                .Select(file => ReadFile(relativeTo is null ? file.Name : Path.GetRelativePath(relativeTo, file.Name), file.Value))
                .OrderBy(file => file.Path, StringComparer.Ordinal),
        ]);
    }

    /// <summary>The files whose mutants were tested. Stryker also lists every other file of the project, with no
    /// mutants, or only ignored ones (outside --mutate, unchanged under --since) and compile errors.</summary>
    public IEnumerable<MutatedFile> TestedFiles => Files.Where(f => f.Score.Valid > 0);

    public MutationScore Score => MutationScore.Of(TestedFiles.SelectMany(f => f.Mutants));

    /// <summary>The mutants no test noticed (survived, or not covered by any test), in file and line order.</summary>
    public IEnumerable<(MutatedFile File, Mutant Mutant)> Undetected =>
        TestedFiles.SelectMany(file => file.Mutants.Where(m => m.Status is MutantStatus.Survived or MutantStatus.NoCoverage)
            .OrderBy(m => m.Line).ThenBy(m => m.Column).Select(m => (file, m)));

    static MutatedFile ReadFile(string path, JsonElement file)
    {
        var source = file.TryGetProperty("source", out var s) ? s.GetString() ?? "" : "";
        var lines = source.Split('\n');
        var mutants = file.TryGetProperty("mutants", out var list)
            ? list.EnumerateArray().Select(m => ReadMutant(m, lines)).ToList()
            : [];
        return new MutatedFile(path.Replace('\\', '/'), mutants);
    }

    static Mutant ReadMutant(JsonElement mutant, string[] lines)
    {
        var start = mutant.GetProperty("location").GetProperty("start");
        var end = mutant.GetProperty("location").GetProperty("end");
        var status = Enum.TryParse<MutantStatus>(mutant.GetProperty("status").GetString(), ignoreCase: false, out var parsed)
            ? parsed
            : throw new InvalidDataException($"mutant {mutant.GetProperty("id")} has an unknown status {mutant.GetProperty("status")}");
        var (line, column) = (start.GetProperty("line").GetInt32(), start.GetProperty("column").GetInt32());
        return new Mutant(
            mutant.GetProperty("mutatorName").GetString() ?? "",
            status,
            line,
            column,
            Original: Excerpt(lines, line, column, end.GetProperty("line").GetInt32(), end.GetProperty("column").GetInt32()),
            Replacement: mutant.TryGetProperty("replacement", out var replacement) ? replacement.GetString() ?? "" : "");
    }

    /// <summary>The source text a mutant replaces; the schema's columns are 1-based and the end is exclusive.</summary>
    static string Excerpt(string[] lines, int startLine, int startColumn, int endLine, int endColumn)
    {
        if (startLine < 1 || endLine > lines.Length || endLine < startLine)
            return "";
        var parts = new List<string>();
        for (var line = startLine; line <= endLine; line++)
        {
            var text = lines[line - 1].TrimEnd('\r');
            var from = line == startLine ? Math.Clamp(startColumn - 1, 0, text.Length) : 0;
            var to = line == endLine ? Math.Clamp(endColumn - 1, from, text.Length) : text.Length;
            parts.Add(text[from..to]);
        }

        return string.Join("\n", parts);
    }
}

public sealed record MutatedFile(string Path, IReadOnlyList<Mutant> Mutants)
{
    public MutationScore Score => MutationScore.Of(Mutants);
}

public sealed record Mutant(string Mutator, MutantStatus Status, int Line, int Column, string Original, string Replacement);

/// <summary>The statuses of the report schema.</summary>
public enum MutantStatus
{
    Killed,
    Survived,
    NoCoverage,
    CompileError,
    RuntimeError,
    Timeout,
    Ignored,
    Pending,
}

/// <summary>
/// The schema's own metric (mutation-testing-metrics): detected (killed + timeout) over valid (detected + survived +
/// no coverage). Compile and runtime errors are invalid mutants and ignored ones were never tested, so neither counts.
/// </summary>
public sealed record MutationScore(int Killed, int Timeout, int Survived, int NoCoverage, int Invalid, int Ignored)
{
    public static MutationScore Of(IEnumerable<Mutant> mutants)
    {
        var counts = mutants.GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count());
        int Count(MutantStatus status) => counts.GetValueOrDefault(status);
        return new MutationScore(Count(MutantStatus.Killed), Count(MutantStatus.Timeout), Count(MutantStatus.Survived),
            Count(MutantStatus.NoCoverage), Count(MutantStatus.CompileError) + Count(MutantStatus.RuntimeError),
            Count(MutantStatus.Ignored) + Count(MutantStatus.Pending));
    }

    public int Detected => Killed + Timeout;

    public int Valid => Detected + Survived + NoCoverage;

    /// <summary>In percent; null when no valid mutant was tested (e.g. --since found nothing changed).</summary>
    public double? Percent => Valid == 0 ? null : 100.0 * Detected / Valid;

    public string Format() => Percent is { } percent ? $"{percent:0.0}%" : "n/a";
}
