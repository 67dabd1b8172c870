namespace Engine;

/// <summary>What the build reports under its summary table: free lines, and test counts that make up the closing
/// <c>Tests: N passed, N failed, N skipped</c> line (CI judges a run by that line).</summary>
public sealed class BuildSummary
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private int _passed;
    private int _failed;
    private int _skipped;
    private bool _hasTestResults;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public bool HasTestResults => _hasTestResults;

    public int Passed => _passed;

    public int Failed => _failed;

    public int Skipped => _skipped;

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines.Add(line);
        }
    }

    public void AddTestResults(int passed, int failed, int skipped)
    {
        lock (_lock)
        {
            _passed += passed;
            _failed += failed;
            _skipped += skipped;
            _hasTestResults = true;
        }
    }

    internal (int Lines, int Passed, int Failed, int Skipped, bool HasTestResults) Mark()
    {
        lock (_lock)
        {
            return (_lines.Count, _passed, _failed, _skipped, _hasTestResults);
        }
    }

    internal SummaryDelta Since((int Lines, int Passed, int Failed, int Skipped, bool HasTestResults) mark)
    {
        lock (_lock)
        {
            return new([.. _lines.Skip(mark.Lines)], _passed - mark.Passed, _failed - mark.Failed, _skipped - mark.Skipped,
                _hasTestResults && !mark.HasTestResults || _passed + _failed + _skipped > mark.Passed + mark.Failed + mark.Skipped);
        }
    }

    internal void Replay(SummaryDelta delta)
    {
        delta.Lines.ForEach(Add);
        if (delta.HasTestResults)
        {
            AddTestResults(delta.Passed, delta.Failed, delta.Skipped);
        }
    }

    public string TestLine => $"Tests: {_passed} passed, {_failed} failed, {_skipped} skipped";
}
