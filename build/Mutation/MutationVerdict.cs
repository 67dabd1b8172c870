using System.Globalization;
using System.Text;

namespace Mutation;

/// <summary>One area's result against its threshold, and the table people read: a score per file and per area, then
/// every undetected mutant as file:line, mutator, original → mutated.</summary>
public sealed record MutationVerdict(string Area, MutationReport Report, double Threshold)
{
    /// <summary>Below the threshold fails; an area where nothing valid was mutated (e.g. --since found no change in
    /// it) has no score and passes, since there is nothing its tests could have missed.</summary>
    public bool Passed => Report.Score.Percent is not { } percent || percent >= Threshold;

    public string SummaryLine =>
        $"mutation {Area}: {Report.Score.Format()} (threshold {Threshold.ToString("0.#", CultureInfo.InvariantCulture)}%), "
        + $"{Report.Score.Detected} of {Report.Score.Valid} mutants detected, {Report.Score.Survived + Report.Score.NoCoverage} undetected"
        + (Passed ? "" : " — BELOW THRESHOLD");

    public string Table()
    {
        var files = Report.TestedFiles.ToList();
        var width = Math.Max(4, files.Select(f => f.Path.Length).DefaultIfEmpty(0).Max()) + 2;
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"{"File".PadRight(width)}{"Score",7}{"Killed",8}{"Timeout",8}{"Survived",9}{"NoCov",7}{"Invalid",8}");
        foreach (var file in files)
            table.AppendLine(Row(file.Path, file.Score, width));
        table.AppendLine(Row($"area {Area}", Report.Score, width));
        var undetected = Report.Undetected.ToList();
        if (undetected.Count > 0)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"Undetected mutants ({undetected.Count}):");
            foreach (var (file, mutant) in undetected)
            {
                var uncovered = mutant.Status == MutantStatus.NoCoverage ? " (no test covers it)" : "";
                var change = $"{OneLine(mutant.Original)} → {OneLine(mutant.Replacement)}";
                table.AppendLine(CultureInfo.InvariantCulture, $"  {file.Path}:{mutant.Line}  {mutant.Mutator}{uncovered}  {change}");
            }
        }

        return table.ToString().TrimEnd();
    }

    static string Row(string name, MutationScore score, int width)
    {
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{score.Killed,8}{score.Timeout,8}{score.Survived,9}{score.NoCoverage,7}{score.Invalid,8}");
        return string.Create(CultureInfo.InvariantCulture, $"{name.PadRight(width)}{score.Format(),7}") + counts;
    }

    // A mutated block can span lines; the table keeps one mutant per line and long ones short.
    static string OneLine(string code)
    {
        var single = string.Join(' ', code.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return single.Length <= 80 ? single : single[..77] + "...";
    }
}
