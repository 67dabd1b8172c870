using System.Globalization;
using System.Text.RegularExpressions;
using Todo.Contracts;

namespace Todo.Api.Chat;

/// <summary>What the built-in interpreter makes of one message: a tool to call, or a reply without one.</summary>
public abstract record Intent;

public sealed record ToolIntent(string Tool, IReadOnlyDictionary<string, object?> Arguments) : Intent;

public sealed record ReplyIntent(string Text) : Intent;

/// <summary>
/// Plain-English commands → tool calls, for running without a language model. Deliberately small and predictable:
/// it recognises a verb at the start (add, list/show, complete/mark, rename, move, delete…) and the details after it.
/// </summary>
public static partial class UtteranceParser
{
    public const string HelpText =
        "I can manage your to-do list. Try:\n"
        + "- add buy milk\n"
        + "- add 'call mom' due friday high priority\n"
        + "- what's on my list / show completed / show all\n"
        + "- complete 3 / mark buy milk as done\n"
        + "- rename 3 to buy oat milk / move 3 to tomorrow / make 3 high priority\n"
        + "- reopen 3 / delete buy milk";

    public static Intent Parse(string message, DateOnly today)
    {
        var text = Tidy(message);
        var lower = text.ToLowerInvariant();
        if (lower.Length == 0)
        {
            return new ReplyIntent("Say what you'd like to do with your tasks, or 'help' to see what I understand.");
        }

        if (Help().IsMatch(lower))
        {
            return new ReplyIntent(HelpText);
        }

        if (Greeting().IsMatch(lower))
        {
            return new ReplyIntent("Hi! " + HelpText);
        }

        if (Thanks().IsMatch(lower))
        {
            return new ReplyIntent("You're welcome!");
        }

        if (ListQuestion().IsMatch(lower) || ListCommand().Match(lower) is { Success: true })
        {
            var status = CompletedWords().IsMatch(lower) ? TaskStatusFilter.Completed
                : AllWords().IsMatch(lower) ? TaskStatusFilter.All
                : TaskStatusFilter.Open;
            return Call(TaskTools.ListTasks, ("status", status));
        }

        if (MarkAs().Match(text) is { Success: true } mark)
        {
            var reopen = ReopenWords().IsMatch(mark.Groups["state"].Value.ToLowerInvariant());
            return reopen ? Reference(TaskTools.UpdateTask, mark.Groups["task"].Value, ("completed", false))
                : Reference(TaskTools.CompleteTask, mark.Groups["task"].Value);
        }

        if (Reopen().Match(text) is { Success: true } reopenTask)
        {
            return Reference(TaskTools.UpdateTask, reopenTask.Groups["task"].Value, ("completed", false));
        }

        if (Complete().Match(text) is { Success: true } complete)
        {
            return Reference(TaskTools.CompleteTask, complete.Groups["task"].Value);
        }

        if (Rename().Match(text) is { Success: true } rename)
        {
            var newTitle = Unquote(rename.Groups["title"].Value);
            return newTitle.Length == 0
                ? new ReplyIntent("Rename it to what? For example: rename 3 to buy oat milk")
                : Reference(TaskTools.UpdateTask, rename.Groups["task"].Value, ("newTitle", newTitle));
        }

        if (Priority().Match(text) is { Success: true } priority)
        {
            return Reference(TaskTools.UpdateTask, priority.Groups["task"].Value, ("priority", ToPriority(priority.Groups["level"].Value)));
        }

        if (Reschedule().Match(text) is { Success: true } move)
        {
            return DatePhrase.TryParse(move.Groups["date"].Value, today, out var due)
                ? Reference(TaskTools.UpdateTask, move.Groups["task"].Value, ("dueDate", due))
                : new ReplyIntent($"I don't understand the date '{move.Groups["date"].Value}'. Try 'tomorrow', 'friday' or 2026-12-24.");
        }

        if (Delete().Match(text) is { Success: true } delete)
        {
            return Reference(TaskTools.DeleteTask, delete.Groups["task"].Value);
        }

        if (Add().Match(text) is { Success: true } add)
        {
            return ParseAdd(add.Groups["rest"].Value, today);
        }

        return new ReplyIntent(
            $"Sorry, I didn't understand \"{(text.Length > 80 ? text[..80] + "…" : text)}\". "
            + "Start with what you want to do, for example 'add buy milk', 'complete 3' or 'what's on my list'. Say 'help' for more.");
    }

    private static Intent ParseAdd(string rest, DateOnly today)
    {
        string title;
        var options = rest;
        var quoted = Quoted().Match(rest);
        if (quoted.Success)
        {
            title = quoted.Groups["text"].Value.Trim();
            options = rest.Remove(quoted.Index, quoted.Length);
        }
        else
        {
            title = rest;
        }

        var arguments = new List<(string, object?)>();
        if (DescriptionPart().Match(options) is { Success: true } description)
        {
            arguments.Add(("description", description.Groups["text"].Value.Trim()));
            options = options.Remove(description.Index, description.Length);
            if (!quoted.Success)
            {
                title = options;
            }
        }

        if (PriorityPart().Match(options) is { Success: true } priority)
        {
            var level = priority.Groups["a"].Success ? priority.Groups["a"].Value : priority.Groups["b"].Value;
            arguments.Add(("priority", ToPriority(level)));
            options = options.Remove(priority.Index, priority.Length);
            if (!quoted.Success)
            {
                title = options;
            }
        }

        if (DuePart().Match(options) is { Success: true } due && DatePhrase.TryParse(due.Groups["date"].Value, today, out var date))
        {
            arguments.Add(("dueDate", date));
            options = options.Remove(due.Index, due.Length);
            if (!quoted.Success)
            {
                title = options;
            }
        }

        title = Unquote(title.Trim().TrimEnd(',', ';', '-').Trim());
        if (title.Length == 0)
        {
            return new ReplyIntent("Add what? For example: add buy milk");
        }

        arguments.Insert(0, ("title", title));
        return Call(TaskTools.AddTask, [.. arguments]);
    }

    /// <summary>"3", "#3", "task 3" → id 3; anything else → words from the title.</summary>
    private static Intent Reference(string tool, string reference, params (string, object?)[] extra)
    {
        var text = Unquote(TaskWord().Replace(reference.Trim(), "").Trim());
        if (text.Length == 0)
        {
            return new ReplyIntent("Which task? Give its number or words from its title, e.g. 'complete 3'.");
        }

        var target = int.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? ("id", (object?)id)
            : ("title", text);
        return Call(tool, [target, .. extra]);
    }

    private static ToolIntent Call(string tool, params (string Name, object? Value)[] arguments) =>
        new(tool, arguments.ToDictionary(a => a.Name, a => a.Value));

    private static TaskPriority ToPriority(string level) => level.ToLowerInvariant() switch
    {
        "low" or "minor" => TaskPriority.Low,
        "medium" or "normal" => TaskPriority.Medium,
        _ => TaskPriority.High,
    };

    private static string Tidy(string message) =>
        Spaces().Replace(message.Replace('’', '\'').Trim().TrimEnd('.', '!', '?', ' '), " ");

    private static string Unquote(string text) =>
        text.Length >= 2 && "'\"“‘".Contains(text[0], StringComparison.Ordinal) && "'\"”’".Contains(text[^1], StringComparison.Ordinal)
            ? text[1..^1].Trim()
            : text;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(help|\?|commands|what can (you|i) (do|say)|how does (this|it) work|how do i use (this|you))$")]
    private static partial Regex Help();

    [GeneratedRegex(@"^(hi|hello|hey|hiya|good (morning|afternoon|evening))( there)?$")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(thanks|thank you|thx|cheers|great|ok|okay|cool)\b")]
    private static partial Regex Thanks();

    [GeneratedRegex(@"^(what'?s|what is|whats|what are|what do i have|anything)\b.*\b(list|todo|to-do|to do|tasks?|left|next|pending|agenda|open|done|completed|finished|plate)\b"
        + @"|^what have i (done|finished|completed)\b|^(my )?(tasks|todos|to-dos|list)$")]
    private static partial Regex ListQuestion();

    [GeneratedRegex(@"^(list|show|view|display|see|get)\b(?!.*\b(to|as)\b)")]
    private static partial Regex ListCommand();

    [GeneratedRegex(@"\b(completed|done|finished|complete)\b")]
    private static partial Regex CompletedWords();

    [GeneratedRegex(@"\b(all|everything|every)\b")]
    private static partial Regex AllWords();

    [GeneratedRegex(@"^mark (?<task>.+?) as (?<state>.+)$|^mark (?<task>.+?) (?<state>done|complete|completed|finished|undone|not done|open)$", RegexOptions.IgnoreCase)]
    private static partial Regex MarkAs();

    [GeneratedRegex(@"^(not done|undone|open|incomplete|unfinished|todo|to do|not complete|not completed)$")]
    private static partial Regex ReopenWords();

    [GeneratedRegex(@"^(reopen|re-open|uncomplete|undo|unmark|uncheck)\s+(?<task>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Reopen();

    [GeneratedRegex(@"^(complete|finish|finished|done( with)?|check( off)?|tick( off)?|close|i (did|finished|completed))\s+(?<task>.+)$|^(?<task>.+?) is (done|finished|complete)$", RegexOptions.IgnoreCase)]
    private static partial Regex Complete();

    [GeneratedRegex(@"^(rename|retitle|change|call)\s+(?<task>.+?)\s+(to|into|as)\s+(?<title>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Rename();

    [GeneratedRegex(@"^(set|change|make|mark)\s+(the\s+)?priority\s+(of|for)\s+(?<task>.+?)\s+(to|as)\s+(?<level>low|medium|normal|high)$"
        + @"|^(make|set|mark)\s+(?<task>.+?)\s+(as\s+)?(?<level>low|medium|normal|high|urgent|important)(\s+priority)?$"
        + @"|^prioriti[sz]e\s+(?<task>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Priority();

    [GeneratedRegex(@"^(move|reschedule|postpone|push|set due( date)? of|change due( date)? of)\s+(?<task>.+?)\s+(to|till|until)\s+(?<date>.+)$"
        + @"|^(?<task>.+?)\s+is\s+due\s+(on\s+|by\s+)?(?<date>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Reschedule();

    [GeneratedRegex(@"^(delete|remove|drop|erase|trash|cancel|forget( about)?)\s+(?<task>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Delete();

    [GeneratedRegex(@"^(please\s+)?(add|create|new|remember to|remind me to|todo:?|to do:?|i need to|i have to|i must|i should)(\s+an?)?(\s+new)?(\s+(task|todo|to-do|item))?(\s*:)?\s+(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Add();

    [GeneratedRegex(@"['""“‘](?<text>[^'""“”‘’]+)['""”’]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\s*,?\s*(with\s+)?(priority\s*:?\s*(?<a>low|medium|normal|high)|(?<b>low|medium|normal|high|urgent)\s+priority|!(?<b>high|low|urgent))\b", RegexOptions.IgnoreCase)]
    private static partial Regex PriorityPart();

    [GeneratedRegex(@"\s*,?\s*(\b(due|by|on|for|before)\s+(on\s+|by\s+)?|\b(?=(today|tonight|tomorrow|tmrw|next\s)))(?<date>" + DatePhrase.Pattern + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex DuePart();

    [GeneratedRegex(@"\s*,?\s*\b(with\s+)?(description|note|notes|details)\s*:?\s+(?<text>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DescriptionPart();

    [GeneratedRegex(@"^(the\s+)?task\s+(?=\S)|\s+task$", RegexOptions.IgnoreCase)]
    private static partial Regex TaskWord();
}
