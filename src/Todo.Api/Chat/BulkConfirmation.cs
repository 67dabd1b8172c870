using System.Globalization;
using System.Text.RegularExpressions;
using Todo.Api.Accounts;
using Todo.Api.Data;
using Todo.Api.Tasks;
using Todo.Contracts;

namespace Todo.Api.Chat;

/// <summary>What a turn's bulk handling decided: a reply that ends the turn, or a note to put before the normal reply.</summary>
public sealed record BulkTurn(string? Reply, string? Note)
{
    public static readonly BulkTurn NotBulk = new(null, null);
}

/// <summary>
/// "Delete everything" and "complete all" are asked about, never done at once: the question names how many tasks it
/// covers and stores their numbers with the conversation; only an explicit yes as the next message in that
/// conversation acts, on exactly those numbers. Any other message cancels. Runs before the model (or interpreter) sees
/// the message, so a language model cannot skip the question either. The state is in the database, so the yes may
/// reach another replica.
/// </summary>
public sealed partial class BulkConfirmation(TaskService tasks, TaskTools tools, CurrentUser user, ActionLog log, TimeProvider time)
{
    private const string Delete = "delete";
    private const string Complete = "complete";

    public async Task<BulkTurn> HandleAsync(Conversation conversation, string message, CancellationToken cancellationToken)
    {
        if (conversation.PendingAction is { } pending)
        {
            var numbers = conversation.PendingTaskNumbers?.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList() ?? [];
            conversation.PendingAction = null;
            conversation.PendingTaskNumbers = null;
            if (UtteranceParser.IsConfirmation(message))
            {
                return new BulkTurn(await CarryOutAsync(pending, numbers, cancellationToken), null);
            }

            var untouched = pending == Delete ? "Okay, I haven't deleted anything." : "Okay, I haven't marked anything done.";
            return Refusal().IsMatch(UtteranceCleanup.Tidy(message))
                ? new BulkTurn(untouched, null)
                : new BulkTurn(null, untouched + "\n");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return UtteranceParser.Parse(message, today) is BulkIntent bulk
            ? new BulkTurn(await AskAsync(conversation, bulk.Action, cancellationToken), null)
            : BulkTurn.NotBulk;
    }

    private async Task<string> AskAsync(Conversation conversation, BulkAction action, CancellationToken cancellationToken)
    {
        var deleting = action == BulkAction.Delete;
        var affected = await tasks.ListAsync(user.Id, deleting ? TaskStatusFilter.All : TaskStatusFilter.Open, cancellationToken);
        if (affected.Count == 0)
        {
            return deleting ? "Your list is already empty: there is nothing to delete." : "You have no open tasks: there is nothing to mark done.";
        }

        conversation.PendingAction = deleting ? Delete : Complete;
        conversation.PendingTaskNumbers = string.Join(',', affected.Select(t => t.Id.ToString(CultureInfo.InvariantCulture)));
        var what = (deleting, affected.Count) switch
        {
            (true, 1) => $"delete your only task, {affected[0].Id} '{affected[0].Title}'",
            (true, var count) => string.Create(CultureInfo.InvariantCulture, $"delete all {count} of your tasks"),
            (false, 1) => $"mark your only open task, {affected[0].Id} '{affected[0].Title}', as done",
            (false, var count) => string.Create(CultureInfo.InvariantCulture, $"mark all {count} of your open tasks as done"),
        };
        return $"This would {what}. Reply 'yes' to go ahead, anything else cancels.";
    }

    private async Task<string> CarryOutAsync(string action, List<int> numbers, CancellationToken cancellationToken)
    {
        foreach (var number in numbers)
        {
            // One task at a time through the tools: a task deleted or finished meanwhile is simply skipped.
            _ = action == Delete
                ? await tools.DeleteAsync(number, cancellationToken: cancellationToken)
                : await tools.CompleteAsync(number, cancellationToken: cancellationToken);
        }

        return log.Actions.Count == 0
            ? "Those tasks had already changed since I asked, so there was nothing left to do."
            : "Done: " + string.Join("; ", log.Actions.Select(a => a.Summary)) + ".";
    }

    [GeneratedRegex(@"^(no|nope|nah|no thanks|cancel|stop|don'?t|do not|never ?mind|forget it|abort)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Refusal();
}
