using System.Globalization;
using System.Text;

namespace Todo.Testing.Assistant;

/// <summary>How one corpus line went: understood or not (and why), and any destructive mistakes it made.</summary>
public sealed record LineOutcome(CorpusLine Line, string? Miss, IReadOnlyList<string> Destructive)
{
    public bool Understood => Miss is null;
}

public sealed record IntentShare(string Intent, int Understood, int Total)
{
    public double Share => Total == 0 ? 1 : (double)Understood / Total;
}

/// <summary>
/// The figures of a corpus run: share understood per intent, destructive mistakes (a task deleted or completed that the
/// line did not ask for, a bulk action without confirmation, an empty task), and a MISSED line per goal not met.
/// </summary>
public sealed class AssistantReport
{
    public const double IntentGoal = 0.95;

    public AssistantReport(IReadOnlyList<LineOutcome> outcomes)
    {
        Outcomes = outcomes;
        Intents = [.. outcomes.GroupBy(o => o.Line.Intent)
            .Select(g => new IntentShare(g.Key, g.Count(o => o.Understood), g.Count()))
            .OrderBy(i => i.Intent, StringComparer.Ordinal)];
        Destructive = [.. outcomes.SelectMany(o => o.Destructive.Select(d => $"line {o.Line.LineNumber} '{o.Line.Utterance}': {d}"))];
        var missed = Intents.Where(i => i.Share < IntentGoal)
            .Select(i => string.Create(CultureInfo.InvariantCulture,
                $"MISSED {i.Intent}: {i.Share:P1} understood ({i.Understood}/{i.Total}), goal ≥ {IntentGoal:P0}"))
            .ToList();
        if (Destructive.Count > 0)
        {
            missed.Add(string.Create(CultureInfo.InvariantCulture, $"MISSED destructive mistakes: {Destructive.Count}, goal 0"));
        }

        Missed = missed;
    }

    public IReadOnlyList<LineOutcome> Outcomes { get; }
    public IReadOnlyList<IntentShare> Intents { get; }
    public IReadOnlyList<string> Destructive { get; }
    public IReadOnlyList<string> Missed { get; }
    public bool GoalsMet => Missed.Count == 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"intent",-18} {"understood",10} {"share",7}");
        foreach (var intent in Intents)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{intent.Intent,-18} {intent.Understood,5}/{intent.Total,-4} {intent.Share,7:P1}");
        }

        var understood = Outcomes.Count(o => o.Understood);
        text.AppendLine(CultureInfo.InvariantCulture, $"{"total",-18} {understood,5}/{Outcomes.Count,-4} {(Outcomes.Count == 0 ? 1 : (double)understood / Outcomes.Count),7:P1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"destructive mistakes: {Destructive.Count}");
        foreach (var mistake in Destructive)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {mistake}");
        }

        foreach (var miss in Outcomes.Where(o => !o.Understood))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"not understood: line {miss.Line.LineNumber} '{miss.Line.Utterance}' ({miss.Line.Expected}): {miss.Miss}");
        }

        foreach (var missed in Missed)
        {
            text.AppendLine(missed);
        }

        text.Append(GoalsMet
            ? string.Create(CultureInfo.InvariantCulture, $"All goals met: every intent ≥ {IntentGoal:P0}, no destructive mistakes ({Outcomes.Count} lines).")
            : string.Create(CultureInfo.InvariantCulture, $"{Missed.Count} goal(s) missed ({Outcomes.Count} lines)."));
        return text.ToString();
    }
}
