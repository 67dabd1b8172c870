using System.Globalization;
using Todo.Contracts;

namespace Todo.Testing.Assistant;

/// <summary>One chat turn as seen from outside: the reply, and the whole task list after it.</summary>
public sealed record Turn(string Reply, IReadOnlyList<TaskItem> TasksAfter);

/// <summary>
/// Judges a corpus line by what happened to the task list (and, for list requests, what the reply showed), never by
/// what the parser produced: the same judgement holds for the interpreter and for a language model.
/// </summary>
public static class EffectJudge
{
    /// <summary>The confirmation the benchmark sends after a confirm line's question.</summary>
    public const string Yes = "yes";

    /// <summary>
    /// The task a line acts on, in the list before it: by number, or the one task whose title is (else contains) the
    /// words. Null when the line names no task or the words match none or several (a seed that does not fit the corpus).
    /// </summary>
    public static TaskItem? Target(CorpusLine line, IReadOnlyList<TaskItem> tasks)
    {
        if (line.Arguments.TryGetValue("id", out var id))
        {
            return tasks.FirstOrDefault(t => t.Id.ToString(CultureInfo.InvariantCulture) == id);
        }

        if (!line.Arguments.TryGetValue("title", out var words))
        {
            return null;
        }

        var exact = tasks.Where(t => string.Equals(t.Title, words, StringComparison.OrdinalIgnoreCase)).ToList();
        var matches = exact.Count > 0 ? exact : [.. tasks.Where(t => t.Title.Contains(words, StringComparison.OrdinalIgnoreCase))];
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>
    /// <paramref name="first"/> is the line's turn; <paramref name="confirmation"/> the turn of <see cref="Yes"/> sent
    /// after it in the same conversation (confirm lines only).
    /// </summary>
    public static LineOutcome Judge(CorpusLine line, IReadOnlyList<TaskItem> before, Turn first, Turn? confirmation = null)
    {
        var destructive = new List<string>();
        var target = line.Kind is "complete_task" or "update_task" or "delete_task" ? Target(line, before) : null;
        var change = Change.Between(before, first.TasksAfter);

        var askedToDelete = line.Kind == "delete_task" && target is not null ? new[] { target.Id } : [];
        var askedToComplete = line.Kind == "complete_task" && target is not null ? new[] { target.Id } : [];
        destructive.AddRange(change.Removed.Where(t => !askedToDelete.Contains(t.Id)).Select(t => $"deleted task {t.Id} '{t.Title}' unasked"));
        destructive.AddRange(change.Completed.Where(t => !askedToComplete.Contains(t.Id)).Select(t => $"completed task {t.Id} '{t.Title}' unasked"));
        if (change.Removed.Count + change.Completed.Count > 1)
        {
            destructive.Add(string.Create(CultureInfo.InvariantCulture,
                $"a bulk action without confirmation ({change.Removed.Count} deleted, {change.Completed.Count} completed in one turn)"));
        }

        destructive.AddRange(change.Added.Where(t => string.IsNullOrWhiteSpace(t.Title)).Select(t => $"created an empty task {t.Id}"));

        var miss = line.Kind switch
        {
            "add_task" => Added(line, change),
            "list_tasks" => Listed(line, before, first.Reply, change),
            "complete_task" or "update_task" or "delete_task" when target is null =>
                $"the seed has no single task for {line.Expected} (fix the benchmark's seed)",
            "complete_task" => OnlyTargetChanged(change, target!, t => t.IsCompleted ? null : "not completed"),
            "update_task" => OnlyTargetChanged(change, target!, t => Updated(line, t)),
            "delete_task" => change.Removed.Count == 1 && change.Removed[0].Id == target!.Id && change.Added.Count == 0 && change.Modified.Count == 0
                ? null : $"expected only task {target!.Id} deleted; {change}",
            "reply" => Unchanged(change) ?? (first.Reply.Trim().Length == 0 ? "empty reply" : null),
            "ask" => Unchanged(change) ?? (first.Reply.Contains('?', StringComparison.Ordinal) ? null : "the reply asks no question"),
            "suggest" => Unchanged(change) ?? (first.Reply.Contains(line.Suggestion!, StringComparison.Ordinal) ? null : $"the reply does not suggest '{line.Suggestion}': {first.Reply}"),
            "confirm" => Confirmed(line, before, first, confirmation, destructive),
            _ => $"unknown kind {line.Kind}",
        };
        return new LineOutcome(line, miss, destructive);
    }

    private static string? Confirmed(CorpusLine line, IReadOnlyList<TaskItem> before, Turn first, Turn? confirmation, List<string> destructive)
    {
        var deleting = line.BulkAction == "delete";
        var covered = deleting ? before : [.. before.Where(t => !t.IsCompleted)];
        if (Unchanged(Change.Between(before, first.TasksAfter)) is { } changed)
        {
            return "changed tasks before asking: " + changed;
        }

        if (!first.Reply.Contains(covered.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) || !first.Reply.Contains("yes", StringComparison.OrdinalIgnoreCase))
        {
            return $"the question does not name the {covered.Count} tasks or ask for a yes: {first.Reply}";
        }

        if (confirmation is null)
        {
            return "no confirmation turn was run";
        }

        var afterYes = Change.Between(first.TasksAfter, confirmation.TasksAfter);
        var coveredIds = covered.Select(t => t.Id).ToHashSet();
        destructive.AddRange(afterYes.Removed.Where(t => !deleting || !coveredIds.Contains(t.Id)).Select(t => $"after yes: deleted task {t.Id} '{t.Title}' not covered by the question"));
        destructive.AddRange(afterYes.Completed.Where(t => deleting || !coveredIds.Contains(t.Id)).Select(t => $"after yes: completed task {t.Id} '{t.Title}' not covered by the question"));
        var done = deleting
            ? afterYes.Removed.Count == covered.Count && afterYes.Modified.Count == 0
            : afterYes.Completed.Count == covered.Count && afterYes.Removed.Count == 0 && afterYes.Modified.Count == afterYes.Completed.Count;
        return done && afterYes.Added.Count == 0 ? null : $"after yes, expected all {covered.Count} {(deleting ? "deleted" : "completed")}; {afterYes}";
    }

    private static string? Added(CorpusLine line, Change change)
    {
        if (change.Added.Count != 1 || change.Removed.Count > 0 || change.Modified.Count > 0)
        {
            return "expected exactly one task added and nothing else changed; " + change;
        }

        var task = change.Added[0];
        var wanted = new List<string>();
        if (task.Title != line.Arguments["title"])
        {
            wanted.Add($"title '{line.Arguments["title"]}' (got '{task.Title}')");
        }

        wanted.AddRange(Fields(line, task));
        var description = line.Arguments.GetValueOrDefault("description");
        if (task.Description != description)
        {
            wanted.Add($"description '{description}' (got '{task.Description}')");
        }

        return wanted.Count == 0 ? null : "added, but expected " + string.Join(", ", wanted);
    }

    private static string? Listed(CorpusLine line, IReadOnlyList<TaskItem> before, string reply, Change change)
    {
        if (Unchanged(change) is { } changed)
        {
            return "listing changed tasks: " + changed;
        }

        var status = line.Arguments.GetValueOrDefault("status", "Open");
        bool Shown(TaskItem t) => status switch { "All" => true, "Completed" => t.IsCompleted, _ => !t.IsCompleted };
        var missing = before.Where(Shown).Where(t => !reply.Contains(t.Title, StringComparison.OrdinalIgnoreCase)).Select(t => t.Title).ToList();
        var extra = before.Where(t => !Shown(t)).Where(t => reply.Contains(t.Title, StringComparison.OrdinalIgnoreCase)).Select(t => t.Title).ToList();
        return missing.Count == 0 && extra.Count == 0
            ? null
            : $"the {status} list reply lacks [{string.Join(", ", missing)}] or shows [{string.Join(", ", extra)}]";
    }

    private static string? OnlyTargetChanged(Change change, TaskItem target, Func<TaskItem, string?> check)
    {
        if (change.Added.Count > 0 || change.Removed.Count > 0 || change.Modified.Any(t => t.Id != target.Id))
        {
            return $"expected only task {target.Id} changed; {change}";
        }

        return change.Modified.SingleOrDefault() is { } after
            ? check(after) is { } problem ? $"task {target.Id}: {problem}" : null
            : $"task {target.Id} was not changed";
    }

    private static string? Updated(CorpusLine line, TaskItem task)
    {
        var wanted = new List<string>(Fields(line, task, onlyNamed: true));
        if (line.Arguments.TryGetValue("newTitle", out var title) && task.Title != title)
        {
            wanted.Add($"title '{title}' (got '{task.Title}')");
        }

        if (line.Arguments.TryGetValue("completed", out var completed) && task.IsCompleted != (completed == "true"))
        {
            wanted.Add(completed == "true" ? "completed" : "reopened");
        }

        return wanted.Count == 0 ? null : "expected " + string.Join(", ", wanted);
    }

    /// <summary>Priority and due date as the line says (defaults Medium and none unless <paramref name="onlyNamed"/>).</summary>
    private static IEnumerable<string> Fields(CorpusLine line, TaskItem task, bool onlyNamed = false)
    {
        if (line.Arguments.TryGetValue("priority", out var priority) || !onlyNamed)
        {
            priority ??= nameof(TaskPriority.Medium);
            if (!string.Equals(task.Priority.ToString(), priority, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"priority {priority} (got {task.Priority})";
            }
        }

        if (line.Arguments.TryGetValue("dueDate", out var due) || !onlyNamed)
        {
            var actual = task.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (actual != due)
            {
                yield return $"due {due ?? "none"} (got {actual ?? "none"})";
            }
        }
    }

    private static string? Unchanged(Change change) =>
        change.Added.Count + change.Removed.Count + change.Modified.Count == 0 ? null : change.ToString();

    private sealed record Change(IReadOnlyList<TaskItem> Added, IReadOnlyList<TaskItem> Removed, IReadOnlyList<TaskItem> Modified, IReadOnlyList<TaskItem> Completed)
    {
        public static Change Between(IReadOnlyList<TaskItem> before, IReadOnlyList<TaskItem> after)
        {
            var old = before.ToDictionary(t => t.Id);
            var now = after.ToDictionary(t => t.Id);
            var modified = after.Where(t => old.TryGetValue(t.Id, out var was) && !SameContent(was, t)).ToList();
            return new Change(
                [.. after.Where(t => !old.ContainsKey(t.Id))],
                [.. before.Where(t => !now.ContainsKey(t.Id))],
                modified,
                [.. modified.Where(t => t.IsCompleted && !old[t.Id].IsCompleted)]);
        }

        /// <summary>What the user sees of a task; timestamps move with every write and say nothing about intent.</summary>
        private static bool SameContent(TaskItem a, TaskItem b) =>
            a.Title == b.Title && a.Description == b.Description && a.IsCompleted == b.IsCompleted && a.Priority == b.Priority && a.DueDate == b.DueDate;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"added [{string.Join(", ", Added.Select(t => $"'{t.Title}'"))}], deleted [{string.Join(", ", Removed.Select(t => t.Id))}], changed [{string.Join(", ", Modified.Select(t => t.Id))}]");
    }
}
