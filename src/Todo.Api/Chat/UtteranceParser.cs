using System.Globalization;
using System.Text.RegularExpressions;
using Todo.Contracts;

namespace Todo.Api.Chat;

/// <summary>What the built-in interpreter makes of one message: a tool to call, or a reply without one.</summary>
public abstract record Intent;

public sealed record ToolIntent(string Tool, IReadOnlyDictionary<string, object?> Arguments) : Intent;

public sealed record ReplyIntent(string Text) : Intent;

/// <summary>"Delete everything", "complete all": never done at once, the assistant asks first (<see cref="BulkConfirmation"/>).</summary>
public sealed record BulkIntent(BulkAction Action) : Intent;

public enum BulkAction
{
    Delete,
    Complete,
}

/// <summary>
/// Plain-English requests → tool calls, for running without a language model. After politeness and typos are
/// cleaned away (<see cref="UtteranceCleanup"/>), the request is tried against each intent in an order that lets the
/// specific win over the general: a bulk request is recognised (to be confirmed) before "delete …" sees it, "add complete the forms" is an
/// addition before "complete …" sees it, "isn't done" reopens before "done" completes. Details like priority and due
/// dates are found anywhere in the sentence (<see cref="TaskDetails"/>). When something is missing, it asks for it.
/// </summary>
public static partial class UtteranceParser
{
    public const string HelpText =
        "I can manage your to-do list. Try:\n"
        + "- add buy milk / remind me to call mom tomorrow / jot down 'pay rent' as urgent\n"
        + "- what's on my list / anything left? / show completed / show all\n"
        + "- complete 3 / buy milk is done / tick off call mom\n"
        + "- rename 3 to buy oat milk / move 3 to friday / make 3 high priority\n"
        + "- reopen 3 / pay rent isn't done / delete buy milk / scrap 2";

    private const string WhichTask = "Give its number or words from its title";

    public static Intent Parse(string message, DateOnly today)
    {
        var tidy = UtteranceCleanup.Tidy(message);
        if (tidy.Length == 0)
        {
            return new ReplyIntent("Say what you'd like to do with your tasks, or 'help' to see what I understand.");
        }

        if (Help().IsMatch(tidy))
        {
            return new ReplyIntent(HelpText);
        }

        if (Greeting().IsMatch(tidy))
        {
            return new ReplyIntent("Hi! " + HelpText);
        }

        if (Thanks().IsMatch(tidy))
        {
            return new ReplyIntent("You're welcome!");
        }

        if (IsConfirmation(message))
        {
            // Only reached with nothing waiting for it: a confirmation is handled before parsing when one is pending.
            return new ReplyIntent("There's nothing waiting for a yes right now. Say what you'd like to do with your tasks, or 'help' to see what I understand.");
        }

        var text = UtteranceCleanup.WithCommandWordCorrected(UtteranceCleanup.WithoutPoliteness(tidy));
        return Bulk(text) ?? AskForMissing(text) ?? Add(text, today) ?? List(text) ?? Reopen(text) ?? Complete(text)
            ?? UpdateNamingTheField(text, today) ?? Rename(text) ?? Update(text, today) ?? Delete(text) ?? NotUnderstood(tidy, text);
    }

    /// <summary>
    /// An explicit yes, and nothing else: "yes", "yes, delete them", "go ahead", "confirm", "do it". Anything that says
    /// more ("yes but only 3", "yes add milk") is not a yes, so it cancels instead of acting on a guess.
    /// </summary>
    public static bool IsConfirmation(string message) =>
        Confirmation().IsMatch(UtteranceCleanup.Tidy(message).TrimEnd('.', '!'));

    private static BulkIntent? Bulk(string text) => BulkRequest().Match(text) is { Success: true } bulk
        ? new BulkIntent(CompleteVerbs().IsMatch(bulk.Groups["verb"].Value) ? BulkAction.Complete : BulkAction.Delete)
        : null;

    /// <summary>A command word with nothing to act on: ask for exactly what is missing.</summary>
    private static ReplyIntent? AskForMissing(string text)
    {
        var bare = BareCommand().Match(text);
        if (!bare.Success)
        {
            return null;
        }

        var verb = bare.Groups["verb"].Value.ToLowerInvariant();
        return new ReplyIntent(verb switch
        {
            "remind me" or "remember" => "What should I remind you of? For example: remind me to call mom tomorrow",
            "complete" or "finish" or "done" or "mark" or "mark as done" or "check off" or "tick off" =>
                $"Which task is done? {WhichTask}, e.g. 'complete 3'.",
            "delete" or "remove" or "drop" or "scrap" or "cancel" => $"Which task should I delete? {WhichTask}, e.g. 'delete 3'.",
            "rename" => "Which task, and what should it be called? For example: rename 3 to buy oat milk",
            "reopen" => $"Which task should I reopen? {WhichTask}, e.g. 'reopen 3'.",
            "move" or "reschedule" or "postpone" => "Which task, and to when? For example: move 3 to friday",
            _ => "Add what? For example: add buy milk",
        });
    }

    private static Intent? Add(string text, DateOnly today)
    {
        var start = AddStart().Match(text);
        var wrapped = start.Success ? Match.Empty : AddWrapped().Match(text);
        if (!start.Success && !wrapped.Success)
        {
            return null;
        }

        var rest = start.Success ? start.Groups["rest"].Value : wrapped.Groups["rest"].Value;
        var quoted = Quoted().Match(rest);
        var details = TaskDetails.Extract(quoted.Success ? rest.Remove(quoted.Index, quoted.Length) : rest, today);
        var title = quoted.Success ? quoted.Groups["text"].Value.Trim() : CleanTitle(details.Rest);
        if (title.Length == 0)
        {
            return new ReplyIntent("Add what? For example: add buy milk");
        }

        var arguments = new List<(string, object?)> { ("title", title) };
        if (details.Description is { Length: > 0 } description)
        {
            arguments.Add(("description", description));
        }

        if (details.Priority is { } priority)
        {
            arguments.Add(("priority", priority));
        }

        if (details.DueDate is { } due)
        {
            arguments.Add(("dueDate", due));
        }

        return Call(TaskTools.AddTask, [.. arguments]);
    }

    /// <summary>"a new task called X:" → "X"; "to X" (after "remind me") → "X"; stray punctuation at either end.</summary>
    private static string CleanTitle(string text)
    {
        string previous;
        do
        {
            previous = text;
            text = TitleFiller().Replace(text.Trim().Trim(',', ';', ':', '-', ' '), "");
        }
        while (text != previous);

        return Unquote(text.Trim());
    }

    private static ToolIntent? List(string text)
    {
        if (!ListQuestion().IsMatch(text) && !ListCommand().IsMatch(text) && !ListNoun().IsMatch(text))
        {
            return null;
        }

        var status = AllWords().IsMatch(text) ? TaskStatusFilter.All
            : CompletedWords().IsMatch(text) ? TaskStatusFilter.Completed
            : TaskStatusFilter.Open;
        return Call(TaskTools.ListTasks, ("status", status));
    }

    private static Intent? Reopen(string text) =>
        FirstMatch(text, ReopenCommand(), ReopenStatement()) is { } match
            ? Reference(TaskTools.UpdateTask, match.Groups["task"].Value, ("completed", false))
            : null;

    private static Intent? Complete(string text) =>
        FirstMatch(text, CompleteCommand(), CompleteStatement()) is { } match
            ? Reference(TaskTools.CompleteTask, match.Groups["task"].Value)
            : null;

    private static Intent? Rename(string text)
    {
        if (FirstMatch(text, RenameCommand(), RenameStatement()) is { } rename)
        {
            var newTitle = Unquote(rename.Groups["title"].Value.Trim());
            return Reference(TaskTools.UpdateTask, rename.Groups["task"].Value, ("newTitle", newTitle));
        }

        return RenameWithoutTitle().Match(text) is { Success: true } missing
            ? new ReplyIntent($"Rename {TaskName(missing.Groups["task"].Value)} to what? For example: rename {TaskName(missing.Groups["task"].Value)} to buy oat milk")
            : null;
    }

    /// <summary>"change the priority of 3 to high", "3 is due friday": checked before renaming, which would read them as new titles.</summary>
    private static Intent? UpdateNamingTheField(string text, DateOnly today)
    {
        if (PriorityOf().Match(text) is { Success: true } priorityOf)
        {
            var level = priorityOf.Groups["level"].Success ? TaskDetails.ToPriority(priorityOf.Groups["level"].Value)
                : Lower().IsMatch(priorityOf.Value) ? TaskPriority.Low : TaskPriority.High;
            return Reference(TaskTools.UpdateTask, priorityOf.Groups["task"].Value, ("priority", level));
        }

        if (DueDateOf().Match(text) is { Success: true } dueOf)
        {
            return DatePhrase.TryParse(dueOf.Groups["date"].Value, today, out var date)
                ? Reference(TaskTools.UpdateTask, dueOf.Groups["task"].Value, ("dueDate", date))
                : UnknownDate(dueOf.Groups["date"].Value);
        }

        return null;
    }

    /// <summary>Priority and due date of an existing task, in any order: "make 3 high priority and due friday".</summary>
    private static Intent? Update(string text, DateOnly today)
    {
        var change = UpdateCommand().Match(text);
        if (!change.Success)
        {
            return null;
        }

        var details = TaskDetails.Extract(change.Groups["rest"].Value, today, withDescription: false);
        var task = details.Rest;
        while (TrailingConnector().Match(task) is { Success: true } connector)
        {
            task = task[..connector.Index].Trim();
        }

        var moving = MoveVerbs().IsMatch(change.Groups["verb"].Value);
        if (!details.Any || task.Length == 0)
        {
            var name = TaskName(task.Length == 0 ? change.Groups["rest"].Value : task);
            return moving
                ? new ReplyIntent($"Move {name} to when? For example: move {name} to friday, or to 2026-12-24.")
                : new ReplyIntent($"What should change on {name}? For example: make {name} high priority, or move {name} to friday.");
        }

        var arguments = new List<(string, object?)>();
        if (details.Priority is { } priority)
        {
            arguments.Add(("priority", priority));
        }

        if (details.DueDate is { } due)
        {
            arguments.Add(("dueDate", due));
        }

        return Reference(TaskTools.UpdateTask, task, [.. arguments]);
    }

    private static Intent? Delete(string text) =>
        FirstMatch(text, DeleteCommand(), DeleteStatement()) is { } match
            ? Reference(TaskTools.DeleteTask, match.Groups["task"].Value)
            : null;

    /// <summary>
    /// The closest of the assistant's abilities, as a command in the user's own words they can send as it is: a number
    /// alone is probably a task to act on, "I paid the rent" a task finished, a question one about the list, and
    /// anything else most likely something to do.
    /// </summary>
    private static ReplyIntent NotUnderstood(string tidy, string text)
    {
        if (tidy.Any(c => c > 127 && char.IsLetter(c)) || tidy.StartsWith('¿') || tidy.StartsWith('¡'))
        {
            return new ReplyIntent("Sorry, I only understand English so far. For example: 'add buy milk', 'what's on my list', 'complete 3'. Say 'help' for more.");
        }

        if (!tidy.Any(char.IsLetterOrDigit))
        {
            return new ReplyIntent("I didn't catch that. Try 'add buy milk' or 'what's on my list', or say 'help' for everything I understand.");
        }

        if (NumberAlone().Match(text) is { Success: true } number)
        {
            var id = number.Groups["id"].Value;
            return new ReplyIntent($"What should I do with task {id}? Try: complete {id}, delete {id}, or rename {id} to something new.");
        }

        if (DoneStatement().Match(text) is { Success: true } done && ReferenceName(done.Groups["what"].Value) is { Length: > 0 } what)
        {
            return new ReplyIntent($"Did you finish a task? Try: complete {what}. To add it instead, say: add {Shown(text)}");
        }

        if (Question().IsMatch(text))
        {
            return new ReplyIntent(
                $"I can't answer \"{Shown(text)}\": I only know about your tasks. Did you mean to see them? Try: what's on my list? (or: what have I done?)");
        }

        return new ReplyIntent(
            $"Did you mean to add it as a task? Try: add {Shown(text)}. To see your tasks, say: what's on my list. Say 'help' for everything I understand.");
    }

    private static string Shown(string text) => text.Length > 60 ? text[..60].TrimEnd() + "…" : text;

    private static ReplyIntent UnknownDate(string date) =>
        new($"I don't understand the date '{date}'. Try 'tomorrow', 'friday', 'next monday', 'in 3 days' or 2026-12-24.");

    /// <summary>"3", "#3", "task 3", "the dentist appointment" → id 3 or title words; nothing usable → ask which task.</summary>
    private static Intent Reference(string tool, string reference, params (string, object?)[] extra)
    {
        var text = ReferenceName(reference);
        if (text.Length == 0 || Pronoun().IsMatch(text))
        {
            return new ReplyIntent($"Which task? {WhichTask}, e.g. 'complete 3'. Say 'list' to see them.");
        }

        var target = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? ("id", (object?)id)
            : ("title", text);
        return Call(tool, [target, .. extra]);
    }

    private static string ReferenceName(string reference)
    {
        var text = Unquote(reference.Trim().Trim(',', ';', ':', '-', ' '));
        string previous;
        do
        {
            previous = text;
            text = Unquote(ReferenceFiller().Replace(text, "").Trim());
        }
        while (text != previous);

        return text.TrimStart('#').Trim();
    }

    private static string TaskName(string reference) =>
        ReferenceName(reference) is { Length: > 0 } name ? name : "it";

    private static Match? FirstMatch(string text, params Regex[] patterns) =>
        patterns.Select(p => p.Match(text)).FirstOrDefault(m => m.Success);

    private static ToolIntent Call(string tool, params (string Name, object? Value)[] arguments) =>
        new(tool, arguments.ToDictionary(a => a.Name, a => a.Value));

    private static string Unquote(string text) =>
        text.Length >= 2 && "'\"“‘".Contains(text[0], StringComparison.Ordinal) && "'\"”’".Contains(text[^1], StringComparison.Ordinal)
            ? text[1..^1].Trim()
            : text;

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"^(help|\?|commands|what can (you|i) (do|say|ask)|how does (this|it) work|how do i use (this|you)|what do you (do|understand))$", Options)]
    private static partial Regex Help();

    [GeneratedRegex(@"^(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening))( there)?$", Options)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(thanks|thank you|thx|ty|cheers|great|ok|okay|cool|nice|perfect|awesome)\b(?!.*\b(add|delete|remove|complete)\b)", Options)]
    private static partial Regex Thanks();

    [GeneratedRegex(@"^(?<verb>delete|remove|clear|wipe|erase|empty|trash|scrap|drop|get rid of|complete|finish|mark|check off|tick off|close|cross off)"
        + @"(\s+out)?\s+(all|everything|every (single )?(task|item|thing)|(my|the) (whole |entire )?(list|to-?do list|tasks|todos))\b", Options)]
    private static partial Regex BulkRequest();

    [GeneratedRegex(@"^((yes|yeah|yep|yup|sure|ok|okay)(,?\s+(please|go ahead|do it|confirm(ed)?))?|go ahead|confirm(ed)?|do it|i confirm)"
        + @"(,?\s+(please|(delete|remove|clear|complete|finish|mark|close)\s+(them|it|all|everything|all of them|them all)(\s+(as\s+)?(done|complete|completed|finished))?))?(\s+please)?$", Options)]
    private static partial Regex Confirmation();

    [GeneratedRegex(@"^(complete|finish|mark|check|tick|close|cross)", Options)]
    private static partial Regex CompleteVerbs();

    [GeneratedRegex(@"^(?<verb>add|create|new|new task|remind me|remember|complete|finish|done|mark|mark as done|check off|tick off|delete|remove|drop|scrap|cancel|rename|reopen|move|reschedule|postpone)"
        + @"(\s+(a|an|the|new|task|todo|to-do|item|reminder|it|this|that|one))*$", Options)]
    private static partial Regex BareCommand();

    [GeneratedRegex(@"^(add|create)(\s+to\s+(my|the)\s+(to-?do\s+)?list)?\b\s*:?\s*(?<rest>.*)$"
        + @"|^(make|set|create)\s+(a|an)\s+((new|urgent|important)\s+)?(task|todo|to-do|note|reminder)\b\s*((called|named|to|for|that)\b|:)?\s*(?<rest>.*)$"
        + @"|^new\s+(task|todo|to-do|item)\b\s*:?\s*(?<rest>.*)$"
        + @"|^(todo|to do|to-do|note)\s*:\s*(?<rest>.*)$"
        + @"|^(jot|write|put|note)\s+down\b(\s+that)?\s*:?\s*(?<rest>.*)$"
        + @"|^jot\s+(?!down\b)(?<rest>.+)$"
        + @"|^(remind me|remember|don'?t (let me )?forget)\b(\s+(to|that|about)\b)?\s*(?<rest>.*)$"
        + @"|^i (need|want) a reminder\b(\s+to)?\s*(?<rest>.*)$"
        + @"|^(?=(i|we) (really )?(need to|have to|have got to|'ve got to|must|should|gotta|got to)\s)(?<rest>.*)$"
        + @"|^(?=(urgent|important|(high|low|medium) priority)\s*:)(?<rest>.*)$", Options)]
    private static partial Regex AddStart();

    [GeneratedRegex(@"^(put|stick|add|write)\s+(?!.*\bback\b)(?<rest>.+?)\s+(on|to|onto)\s+(my|the)\s+(to-?do\s+|shopping\s+)?list$", Options)]
    private static partial Regex AddWrapped();

    [GeneratedRegex(@"^((a|an)\s+)?(new\s+)?(task|todo|to-do|item|reminder)\b\s*((called|named|to|for)\b|:)?\s*"
        + @"|^(to|that|about)\s+|^((that\s+)?(i|we) (really )?(need to|have to|have got to|'ve got to|must|should|gotta|got to)(\s+really)?)\s+"
        + @"|\s+(on|to|onto)\s+(my|the)\s+(to-?do\s+)?list$|\s+down$", Options)]
    private static partial Regex TitleFiller();

    [GeneratedRegex(@"(?<=^|\s)['""“‘](?<text>[^'""“”‘’]+)['""”’](?=$|[\s,.;:!?])")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^(what'?s|what is|whats|what are|what do i|what have i|what did i|what am i|which|anything|is there|do i have|how many|what else)\b.*"
        + @"\b(list|todo|to-do|to do|tasks?|left|next|pending|agenda|open|done|completed|finished|finish|plate|outstanding|remaining|doing|anything|due)\b", Options)]
    private static partial Regex ListQuestion();

    [GeneratedRegex(@"^(list|show|view|display|see|get(?!\s+rid)|print|read( out)?|give)( me)?\b(?!.*\b(to|as)\s)", Options)]
    private static partial Regex ListCommand();

    [GeneratedRegex(@"^(my |the )?(remaining |open |current )?(tasks|todos|to-dos|to-do list|todo list|list|things to do)$", Options)]
    private static partial Regex ListNoun();

    [GeneratedRegex(@"\b(completed|complete|done|finished|finish)\b", Options)]
    private static partial Regex CompletedWords();

    [GeneratedRegex(@"\b(all|everything|every)\b", Options)]
    private static partial Regex AllWords();

    [GeneratedRegex(@"^(reopen|re-open|uncomplete|unmark|uncheck|untick|undo|restore|reactivate|bring back)\s+(?<task>.+)$"
        + @"|^mark\s+(?<task>.+?)\s+(as\s+)?(not done|undone|incomplete|unfinished|open( again)?|to ?do|not (yet )?(done|complete|completed|finished))$"
        + @"|^(put|bring)\s+(?<task>.+?)\s+back(\s+on\s+(my|the)\s+(to-?do\s+)?list)?$"
        + @"|^set\s+(?<task>.+?)\s+back\s+to\s+(open|not done|to ?do|undone)$", Options)]
    private static partial Regex ReopenCommand();

    [GeneratedRegex(@"^(?<task>.+?)\s+(isn'?t|is not|wasn'?t|was not|is still not)(\s+(actually|really|yet))?\s+(done|finished|complete|completed)(\s+(yet|after all))?$"
        + @"|^i\s+(didn'?t|did not|haven'?t|have not)\s+(actually\s+)?(finish(ed)?|done|do|complete(d)?)\s+(?<task>.+?)(\s+(yet|after all))?$"
        + @"|^(?<task>.+?)\s+still\s+needs\s+(doing|to be done)$", Options)]
    private static partial Regex ReopenStatement();

    [GeneratedRegex(@"^(complete|completed|finish|finished|done|check off|check|tick off|tick|cross off|close|mark as (done|complete|completed|finished))\b\s*(with\s+|:\s*)?(?<task>.+)$"
        + @"|^mark\s+(?<task>.+?)\s+(as\s+)?(done|complete|completed|finished)$"
        + @"|^set\s+(?<task>.+?)\s+(to|as)\s+(done|complete|completed|finished)$"
        + @"|^(cross|tick|check)\s+(?<task>.+?)\s+off(\s+(my|the)\s+(to-?do\s+)?list)?$"
        + @"|^got\s+(?<task>.+?)\s+done$"
        + @"|^i'?(ve|\s+have)?\s+(did|done|finished|completed)\s+(?<task>.+)$"
        + @"|^i'?(m|\s+am)\s+(done|finished)\s+with\s+(?<task>.+)$"
        + @"|^that'?s\s+(done|finished)\s*,?\s*(?<task>.+)$", Options)]
    private static partial Regex CompleteCommand();

    [GeneratedRegex(@"^(?<task>.+?)(\s+is|\s+-|\s*:|\s*,)?\s+(done|finished|complete|completed)$", Options)]
    private static partial Regex CompleteStatement();

    [GeneratedRegex(@"^(rename|retitle|reword|rephrase|change|edit|update|call)\s+(the\s+(title|name|text|wording)\s+of\s+)?(?<task>.+?)\s+(to|into|as)(\s+(say|read))?\s+(?<title>.+)$"
        + @"|^call\s+(?<task>.+?)\s+(?<title>[""“'‘].+[""”'’])$", Options)]
    private static partial Regex RenameCommand();

    [GeneratedRegex(@"^(?<task>.+?)\s+should\s+(be\s+called|be\s+named|say|read)\s+(?<title>.+)$", Options)]
    private static partial Regex RenameStatement();

    [GeneratedRegex(@"^(rename|retitle|reword)\s+(?<task>.+)$", Options)]
    private static partial Regex RenameWithoutTitle();

    [GeneratedRegex(@"^(set|change|make|mark|update)\s+(the\s+)?priority\s+(of|for|on)\s+(?<task>.+?)\s+(to|as)\s+(?<level>low|medium|normal|high|urgent|important)(\s+priority)?$"
        + @"|^(set|change|make|update)\s+(?<task>.+?)'s\s+priority\s+(to|as)\s+(?<level>low|medium|normal|high|urgent|important)$"
        + @"|^(lower|decrease|reduce|raise|increase|bump( up)?)\s+(the\s+)?priority\s+(of|for|on)\s+(?<task>.+)$"
        + @"|^(de-?)?prioriti[sz]e\s+(?<task>.+)$"
        + @"|^(?<task>.+?)\s+is\s+(?<level>urgent|important|high priority|low priority|top priority)$", Options)]
    private static partial Regex PriorityOf();

    [GeneratedRegex(@"^(lower|decrease|reduce|de-?prioriti)", Options)]
    private static partial Regex Lower();

    [GeneratedRegex(@"^(set|change|update|move)\s+(the\s+)?due(\s+date)?\s+(of|for|on)\s+(?<task>.+?)\s+(to|for|as)\s+(?<date>.+)$"
        + @"|^(?!(make|set|mark|change|update|move|reschedule|push|postpone|delay)\b)(?<task>.+?)\s+(is\s+)?due\s+(on\s+|by\s+)?(?<date>.+)$"
        + @"|^(?<task>.+?)\s+(should|must|needs to|has to)\s+be\s+(done|finished|completed)\s+(by|on|before)\s+(?<date>.+)$", Options)]
    private static partial Regex DueDateOf();

    [GeneratedRegex(@"^(?<verb>make|set|mark|change|update|move|reschedule|push back|push|postpone|delay|bump)\s+(?<rest>.+)$", Options)]
    private static partial Regex UpdateCommand();

    [GeneratedRegex(@"^(move|reschedule|push|postpone|delay)", Options)]
    private static partial Regex MoveVerbs();

    [GeneratedRegex(@"(\s+|^)(and|to|as|for|with|back|till|until|,)$", Options)]
    private static partial Regex TrailingConnector();

    [GeneratedRegex(@"^(delete|remove|drop|erase|trash|bin|scrap|ditch|nuke|cancel|discard|strike|forget( about)?|get rid of)\s+(?<task>.+?)(\s+(from|off)\s+(my|the)\s+(to-?do\s+)?list)?$"
        + @"|^take\s+(?<task>.+?)\s+off(\s+(my|the)\s+(to-?do\s+)?list)?$", Options)]
    private static partial Regex DeleteCommand();

    [GeneratedRegex(@"^i\s+(no longer|don'?t|do not)\s+need(\s+to)?\s+(?<task>.+?)(\s+any\s?more)?$", Options)]
    private static partial Regex DeleteStatement();

    [GeneratedRegex(@"^(the\s+)?task(\s+(number|no\.?))?\s+(?=\S)|^(number|no\.)\s+(?=\d)|\s+task$|^(the|my)\s+(?=\S)", Options)]
    private static partial Regex ReferenceFiller();

    [GeneratedRegex(@"^(it|this|that|this one|that one|one|task|as)$", Options)]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"^(what|when|where|who|why|how|is|are|do|does|can|could|will|would)\b", Options)]
    private static partial Regex Question();

    [GeneratedRegex(@"^((the\s+)?(task|number|no\.?)\s+|#)?(?<id>\d{1,9})(\s+please)?$", Options)]
    private static partial Regex NumberAlone();

    /// <summary>"I paid the rent", "I've already called mom", "just bought milk": something done, said as news.</summary>
    [GeneratedRegex(@"^((i|i'?ve|i have)\s+)?(just\s+|already\s+|finally\s+)*(?<verb>[a-z]{2,}[^e\W]ed|bought|paid|sent|did|made|wrote|fed|took|got|ran|sold|put away|threw out)\s+(?<what>.+)$", Options)]
    private static partial Regex DoneStatement();
}
