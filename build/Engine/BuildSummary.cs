namespace Engine;

/// <summary>What the build reports under its summary table: free lines, and test counts that make up the closing
/// <c>Tests: N passed, N failed, N skipped</c> line (CI judges a run by that line).</summary>
public sealed class BuildSummary
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
                return [.. _lines];
        }
    }

    public bool HasTestResults { get; private set; }

    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public int Skipped { get; private set; }

    public string TestLine => $"Tests: {Passed} passed, {Failed} failed, {Skipped} skipped";

    public void Add(string line)
    {
        lock (_lock)
            _lines.Add(line);
    }

    public void AddTestResults(int passed, int failed, int skipped)
    {
        lock (_lock)
            (Passed, Failed, Skipped, HasTestResults) = (Passed + passed, Failed + failed, Skipped + skipped, true);
    }

    /// <summary>The summary as it stands, for <see cref="Since"/>.</summary>
    internal SummaryDelta Mark()
    {
        lock (_lock)
            return new([.. _lines], Passed, Failed, Skipped, HasTestResults);
    }

    /// <summary>What was added after <paramref name="mark"/>: what an up-to-date piece of work replays.</summary>
    internal SummaryDelta Since(SummaryDelta mark)
    {
        lock (_lock)
        {
            var countsGrew = Passed + Failed + Skipped > mark.Passed + mark.Failed + mark.Skipped;
            return new([.. _lines.Skip(mark.Lines.Count)], Passed - mark.Passed, Failed - mark.Failed, Skipped - mark.Skipped,
                (HasTestResults && !mark.HasTestResults) || countsGrew);
        }
    }

    internal void Replay(SummaryDelta delta)
    {
        delta.Lines.ForEach(Add);
        if (delta.HasTestResults)
            AddTestResults(delta.Passed, delta.Failed, delta.Skipped);
    }
}
