using System.Text.RegularExpressions;
using Todo.Contracts;

namespace Todo.Api.Chat;

/// <summary>
/// The details people mention anywhere in a sentence — "urgent", "(low priority)", "by friday", "tomorrow",
/// "note: …" — taken out of it, leaving the words that name or describe the task.
/// </summary>
public sealed partial record TaskDetails(string Rest, TaskPriority? Priority, DateOnly? DueDate, string? Description)
{
    /// <summary>
    /// Takes out a description, a priority and a due date. A date with a marker ("on", "by", "due", "to") may stand
    /// anywhere, as may relative ones ("tomorrow call the vet"); a bare weekday or month day only at the end, so
    /// "add friday drinks" keeps its title.
    /// </summary>
    public static TaskDetails Extract(string text, DateOnly today, bool withDescription = true)
    {
        string? description = null;
        if (withDescription && DescriptionPart().Match(text) is { Success: true } note)
        {
            description = note.Groups["text"].Value.Trim();
            text = text.Remove(note.Index, note.Length);
        }

        TaskPriority? priority = null;
        if (PriorityPart().Match(text) is { Success: true } level)
        {
            priority = ToPriority(level.Groups["level"].Value);
            text = Collapse(text.Remove(level.Index, level.Length).Insert(level.Index, " "));
        }

        DateOnly? due = null;
        foreach (var pattern in new[] { MarkedDate(), BareDate() })
        {
            if (due is null && pattern.Match(text) is { Success: true } date && DatePhrase.TryParse(date.Groups["date"].Value, today, out var parsed))
            {
                due = parsed;
                text = Collapse(text.Remove(date.Index, date.Length).Insert(date.Index, " "));
            }
        }

        return new TaskDetails(text.Trim(), priority, due, description);
    }

    public bool Any => Priority is not null || DueDate is not null || Description is not null;

    public static TaskPriority ToPriority(string level) => level.ToLowerInvariant() switch
    {
        "low" or "minor" => TaskPriority.Low,
        "medium" or "normal" => TaskPriority.Medium,
        _ => TaskPriority.High,
    };

    private static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // "note" and "details" are ordinary words in titles ("take notes"), so only ", note: …" or "with details …" count.
    [GeneratedRegex(@"([,;]\s*(with\s+)?(a\s+)?|\s+with\s+(a\s+)?)(description|notes?|details)\s*:?\s+(?<text>.+)$"
        + @"|\s+(description|notes?|details)\s*:\s*(?<text>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DescriptionPart();

    [GeneratedRegex(@"[,;]?\s*(\(\s*)?(\b(with|as|and|at)\s+)?("
        + @"\bprio(rity)?\s*:?\s*(?<level>high|low|medium|normal)\b"
        + @"|\b(?<level>high|top|low|medium|normal)[ -]prio(rity)?\b"
        + @"|!(?<level>high|low|urgent)\b"
        + @"|\b(it'?s|it is)\s+(?<level>urgent|important)\b"
        + @"|\b(?<level>urgent(ly)?|asap|important)\b"
        + @")(\s*\))?\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex PriorityPart();

    [GeneratedRegex(@"[,;]?\s*\b(due|by|on|for|before|to|till|until)\s+(on\s+|by\s+|the\s+)?(?<date>" + DatePhrase.Pattern + @")\b\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex MarkedDate();

    [GeneratedRegex(@"[,;]?\s*\b(?<date>today|tonight|tomorrow|tmrw|day after tomorrow|next week|(next|this) [a-z]+day|in \d{1,3} (days?|weeks?))\b\s*:?"
        + @"|[,;]?\s*\b(?<date>" + DatePhrase.Pattern + @")$", RegexOptions.IgnoreCase)]
    private static partial Regex BareDate();
}
