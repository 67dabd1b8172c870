namespace Engine;

/// <summary>The end of every run: one row per scheduled target, the extra summary lines, and — whenever test results
/// were reported — the closing `Tests: N passed, N failed, N skipped` line, always the very last.</summary>
internal static class SummaryTable
{
    public static void Print(BuildSession session, IReadOnlyList<TargetOutcome> outcomes)
    {
        var nameWidth = Math.Max(6, outcomes.Select(o => o.Target.Name.Length).DefaultIfEmpty(0).Max()) + 2;
        var statusWidth = Math.Max(6, outcomes.Select(o => o.StatusText.Length).DefaultIfEmpty(0).Max()) + 2;
        var rule = new string('─', nameWidth + statusWidth + 8);
        session.WriteRaw("");
        session.WriteRaw(rule);
        session.WriteRaw($"{"Target".PadRight(nameWidth)}{"Status".PadRight(statusWidth)}Duration");
        session.WriteRaw(rule);
        foreach (var outcome in outcomes)
        {
            var ran = outcome.Status is TargetStatus.Succeeded or TargetStatus.UpToDate or TargetStatus.Failed;
            var duration = ran ? Duration.Format(outcome.Duration) : "";
            session.WriteRaw($"{outcome.Target.Name.PadRight(nameWidth)}{outcome.StatusText.PadRight(statusWidth)}{duration}");
        }

        session.WriteRaw(rule);
        var total = TimeSpan.FromTicks(outcomes.Sum(o => o.Duration.Ticks));
        var failed = outcomes.Where(o => o.Status == TargetStatus.Failed).Select(o => o.Target.Name).ToList();
        var verdict = failed.Count == 0 ? "Build succeeded" : $"Build failed ({string.Join(", ", failed)})";
        session.WriteRaw($"{verdict.PadRight(nameWidth + statusWidth)}{Duration.Format(total)}");
        foreach (var line in session.Summary.Lines)
            session.WriteRaw(line);

        if (session.Summary.HasTestResults)
            session.WriteRaw(session.Summary.TestLine);
    }
}
