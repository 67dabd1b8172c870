using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Server;
using Todo.Api.Accounts;
using Todo.Api.Tasks;
using Todo.Contracts;

namespace Todo.Api.Chat;

/// <summary>What the assistant did during one request, reported back as <see cref="ChatAction"/>s.</summary>
public sealed class ActionLog
{
    private readonly List<ChatAction> actions = [];
    public IReadOnlyList<ChatAction> Actions => actions;

    /// <summary>Why the last tool call did nothing (bad argument, unknown task…), or null; MCP answers it with <c>isError</c>.</summary>
    public string? Refusal { get; private set; }

    public void Record(string tool, string summary, int? taskId) => actions.Add(new ChatAction(tool, summary, taskId));

    public string Refuse(string reason)
    {
        Refusal = reason;
        return reason;
    }
}

/// <summary>
/// The five task tools, one implementation for both the chat agent (as <see cref="AIFunction"/>s) and MCP clients.
/// They act for the request's signed-in user through <see cref="TaskService"/>, and answer in sentences — an
/// unknown id, an ambiguous title or an invalid field is a reply the model (or person) can act on, never an exception.
/// </summary>
[McpServerToolType]
public sealed class TaskTools(TaskService tasks, CurrentUser user, ActionLog log)
{
    public const string AddTask = "add_task";
    public const string ListTasks = "list_tasks";
    public const string CompleteTask = "complete_task";
    public const string UpdateTask = "update_task";
    public const string DeleteTask = "delete_task";

    public IList<AITool> AsAIFunctions() =>
    [
        AIFunctionFactory.Create(AddAsync, AddTask, serializerOptions: ToolJson.Options),
        AIFunctionFactory.Create(ListAsync, ListTasks, serializerOptions: ToolJson.Options),
        AIFunctionFactory.Create(CompleteAsync, CompleteTask, serializerOptions: ToolJson.Options),
        AIFunctionFactory.Create(UpdateAsync, UpdateTask, serializerOptions: ToolJson.Options),
        AIFunctionFactory.Create(DeleteAsync, DeleteTask, serializerOptions: ToolJson.Options),
    ];

    [McpServerTool(Name = AddTask, Destructive = false)]
    [Description("Adds a task to the user's to-do list and answers with its id.")]
    public async Task<string> AddAsync(
        [Description("What needs doing, 1 to 200 characters.")] string title,
        [Description("Optional details, at most 2000 characters.")] string? description = null,
        [Description("Low, Medium (the default) or High.")] TaskPriority? priority = null,
        [Description("Optional due date as YYYY-MM-DD.")] DateOnly? dueDate = null,
        CancellationToken cancellationToken = default)
    {
        var request = new CreateTaskRequest(title ?? "", description, priority, dueDate);
        var errors = TaskValidation.Validate(request);
        if (errors.Count > 0)
        {
            return log.Refuse("Could not add the task: " + TaskValidation.Describe(errors));
        }

        var task = await tasks.CreateAsync(user.Id, request, cancellationToken);
        log.Record(AddTask, $"added task {task.Id} '{task.Title}'", task.Id);
        return $"Added task {Describe(task)}.";
    }

    [McpServerTool(Name = ListTasks, ReadOnly = true)]
    [Description("Lists the user's tasks with their ids, in the order they were added.")]
    public async Task<string> ListAsync(
        [Description("Which tasks: Open (the default), Completed or All.")] TaskStatusFilter status = TaskStatusFilter.Open,
        CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(status))
        {
            status = TaskStatusFilter.Open;
        }

        var list = await tasks.ListAsync(user.Id, status, cancellationToken);
        var kind = status switch { TaskStatusFilter.Open => "open ", TaskStatusFilter.Completed => "completed ", _ => "" };
        log.Record(ListTasks, $"listed {list.Count} {kind}task{(list.Count == 1 ? "" : "s")}", null);
        if (list.Count == 0)
        {
            // "Nothing open" reads like "nothing at all" unless the finished ones are mentioned with a way to see them.
            var completed = status == TaskStatusFilter.Open
                ? (await tasks.ListAsync(user.Id, TaskStatusFilter.Completed, cancellationToken)).Count
                : 0;
            return status switch
            {
                TaskStatusFilter.Completed => "You have no completed tasks yet.",
                TaskStatusFilter.Open when completed > 0 => string.Create(CultureInfo.InvariantCulture,
                    $"You have no open tasks — {completed} completed. Say 'show completed' to see them."),
                TaskStatusFilter.Open => "You have no open tasks. Nice work!",
                _ => "Your list is empty.",
            };
        }

        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"You have {list.Count} {kind}task{(list.Count == 1 ? "" : "s")}:"));
        foreach (var task in list)
        {
            text.Append('\n').Append("- ").Append(Describe(task, withStatus: status == TaskStatusFilter.All));
        }

        return text.ToString();
    }

    [McpServerTool(Name = CompleteTask, Idempotent = true)]
    [Description("Marks one of the user's tasks as done. Identify it by id, or by words from its title.")]
    public async Task<string> CompleteAsync(
        [Description("The task's id, when known.")] int? id = null,
        [Description("Words from the task's title, when the id is not known.")] string? title = null,
        CancellationToken cancellationToken = default)
    {
        var (task, problem) = await ResolveAsync(id, title, preferOpen: true, cancellationToken);
        if (task is null)
        {
            return log.Refuse(problem!);
        }

        if (task.IsCompleted)
        {
            return $"Task {Describe(task)} was already done.";
        }

        var done = await tasks.UpdateAsync(user.Id, task.Id, new UpdateTaskRequest(IsCompleted: true), cancellationToken);
        log.Record(CompleteTask, $"completed task {task.Id} '{task.Title}'", task.Id);
        return $"Completed task {Describe(done!)}.";
    }

    [McpServerTool(Name = UpdateTask, Idempotent = true)]
    [Description("Changes one of the user's tasks: its title, description, priority, due date, or whether it is done. "
        + "Identify the task by id, or by words from its current title.")]
    public async Task<string> UpdateAsync(
        [Description("The task's id, when known.")] int? id = null,
        [Description("Words from the task's current title, when the id is not known.")] string? title = null,
        [Description("The new title.")] string? newTitle = null,
        [Description("The new description.")] string? description = null,
        [Description("The new priority: Low, Medium or High.")] TaskPriority? priority = null,
        [Description("The new due date as YYYY-MM-DD.")] DateOnly? dueDate = null,
        [Description("True to mark done, false to reopen.")] bool? completed = null,
        CancellationToken cancellationToken = default)
    {
        var (task, problem) = await ResolveAsync(id, title, preferOpen: completed != false, cancellationToken);
        if (task is null)
        {
            return log.Refuse(problem!);
        }

        var request = new UpdateTaskRequest(newTitle, description, completed, priority, dueDate);
        if (request == new UpdateTaskRequest())
        {
            return log.Refuse($"Nothing to change on task {Describe(task)}: say what should be different.");
        }

        var errors = TaskValidation.Validate(request);
        if (errors.Count > 0)
        {
            return log.Refuse($"Could not update task {task.Id}: " + TaskValidation.Describe(errors));
        }

        var updated = (await tasks.UpdateAsync(user.Id, task.Id, request, cancellationToken))!;
        var changes = new List<string>();
        if (newTitle is not null && updated.Title != task.Title)
        {
            changes.Add($"renamed to '{updated.Title}'");
        }

        if (description is not null)
        {
            changes.Add("description updated");
        }

        if (priority is not null)
        {
            changes.Add($"priority {updated.Priority.ToString().ToLowerInvariant()}");
        }

        if (dueDate is not null)
        {
            changes.Add($"due {updated.DueDate:ddd yyyy-MM-dd}");
        }

        if (completed is not null)
        {
            changes.Add(completed.Value ? "marked done" : "reopened");
        }

        var summary = changes.Count > 0 ? string.Join(", ", changes) : "no change";
        log.Record(UpdateTask, $"updated task {task.Id} '{updated.Title}': {summary}", task.Id);
        return $"Updated task {updated.Id}: {summary}.";
    }

    [McpServerTool(Name = DeleteTask, Destructive = true)]
    [Description("Deletes one of the user's tasks for good. Identify it by id, or by words from its title.")]
    public async Task<string> DeleteAsync(
        [Description("The task's id, when known.")] int? id = null,
        [Description("Words from the task's title, when the id is not known.")] string? title = null,
        CancellationToken cancellationToken = default)
    {
        var (task, problem) = await ResolveAsync(id, title, preferOpen: false, cancellationToken);
        if (task is null)
        {
            return log.Refuse(problem!);
        }

        await tasks.DeleteAsync(user.Id, task.Id, cancellationToken);
        log.Record(DeleteTask, $"deleted task {task.Id} '{task.Title}'", task.Id);
        return $"Deleted task {task.Id} '{task.Title}'.";
    }

    private async Task<(TaskItem? Task, string? Problem)> ResolveAsync(
        int? id, string? title, bool preferOpen, CancellationToken cancellationToken)
    {
        if (id is { } number)
        {
            return await tasks.FindAsync(user.Id, number, cancellationToken) is { } found
                ? (found, null)
                : (null, $"There is no task {number} on your list. Say 'list' to see your tasks and their numbers.");
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return (null, "Which task? Give its number or words from its title.");
        }

        var matches = await tasks.FindByTitleAsync(user.Id, title, cancellationToken);
        if (matches.Count > 1 && preferOpen && matches.FindAll(t => !t.IsCompleted) is { Count: 1 } onlyOpen)
        {
            matches = onlyOpen;
        }

        return matches.Count switch
        {
            0 => (null, $"No task on your list matches '{title.Trim()}'. Say 'list' to see your tasks."),
            1 => (matches[0], null),
            _ => (null, $"Several tasks match '{title.Trim()}': "
                + string.Join("; ", matches.Take(5).Select(t => $"{t.Id} '{t.Title}'"))
                + ". Which one? Use its number."),
        };
    }

    private static string Describe(TaskItem task, bool withStatus = false)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{task.Id} '{task.Title}'"));
        var details = new List<string>();
        if (withStatus && task.IsCompleted)
        {
            details.Add("done");
        }

        if (task.Priority != TaskPriority.Medium)
        {
            details.Add($"{task.Priority.ToString().ToLowerInvariant()} priority");
        }

        if (task.DueDate is { } due)
        {
            details.Add(string.Create(CultureInfo.InvariantCulture, $"due {due:ddd yyyy-MM-dd}"));
        }

        if (details.Count > 0)
        {
            text.Append(" (").Append(string.Join(", ", details)).Append(')');
        }

        return text.ToString();
    }
}
