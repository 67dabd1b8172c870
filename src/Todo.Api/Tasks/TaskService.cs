using Microsoft.EntityFrameworkCore;
using Todo.Api.Data;
using Todo.Contracts;

namespace Todo.Api.Tasks;

/// <summary>
/// The only code that reads or writes tasks. REST endpoints, chat tools and MCP tools all come through here, and
/// every query is scoped to one user, so another user's task is indistinguishable from a missing one.
/// </summary>
public sealed class TaskService(TodoDbContext db, TimeProvider time)
{
    public async Task<List<TaskItem>> ListAsync(Guid userId, TaskStatusFilter status, CancellationToken cancellationToken)
    {
        var tasks = new List<TaskItem>();
        var (open, completed) = (status != TaskStatusFilter.Completed, status != TaskStatusFilter.Open);
        var query = db is PostgresTodoDbContext postgres
            ? TaskQueries<PostgresTodoDbContext>.List(postgres, userId, open, completed)
            : TaskQueries<SqliteTodoDbContext>.List((SqliteTodoDbContext)db, userId, open, completed);
        await foreach (var task in query.WithCancellation(cancellationToken))
        {
            tasks.Add(task);
        }

        return tasks;
    }

    public Task<TaskItem?> FindAsync(Guid userId, int id, CancellationToken cancellationToken) =>
        db is PostgresTodoDbContext postgres
            ? TaskQueries<PostgresTodoDbContext>.Find(postgres, userId, id, cancellationToken)
            : TaskQueries<SqliteTodoDbContext>.Find((SqliteTodoDbContext)db, userId, id, cancellationToken);

    /// <summary>Tasks whose title matches <paramref name="words"/>: exact (case-insensitive) matches if any, else containing ones.</summary>
    public async Task<List<TaskItem>> FindByTitleAsync(Guid userId, string words, CancellationToken cancellationToken)
    {
        var wanted = words.Trim();
        var all = await ListAsync(userId, TaskStatusFilter.All, cancellationToken);
        var exact = all.FindAll(t => string.Equals(t.Title, wanted, StringComparison.OrdinalIgnoreCase));
        return exact.Count > 0 ? exact : all.FindAll(t => t.Title.Contains(wanted, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<TaskItem> CreateAsync(Guid userId, CreateTaskRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetStoredNow();
        var task = new TodoTask
        {
            UserId = userId,
            Title = request.Title.Trim(),
            Description = Normalize(request.Description),
            Priority = request.Priority ?? TaskPriority.Medium,
            DueDate = request.DueDate,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(task).State = EntityState.Detached;
        return ToItem(task);
    }

    public async Task<TaskItem?> UpdateAsync(Guid userId, int id, UpdateTaskRequest request, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.UserId == userId && t.Id == id, cancellationToken);
        if (task is null)
        {
            return null;
        }

        var now = time.GetStoredNow();
        if (request.Title is not null)
        {
            task.Title = request.Title.Trim();
        }

        if (request.Description is not null)
        {
            task.Description = Normalize(request.Description);
        }

        if (request.Priority is { } priority)
        {
            task.Priority = priority;
        }

        if (request.ClearDueDate)
        {
            task.DueDate = null;
        }
        else if (request.DueDate is { } due)
        {
            task.DueDate = due;
        }

        if (request.IsCompleted is { } completed && completed != task.IsCompleted)
        {
            task.IsCompleted = completed;
            task.CompletedAt = completed ? now : null;
        }

        task.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(task).State = EntityState.Detached;
        return ToItem(task);
    }

    public async Task<TaskItem?> DeleteAsync(Guid userId, int id, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.UserId == userId && t.Id == id, cancellationToken);
        if (task is null)
        {
            return null;
        }

        db.Tasks.Remove(task);
        await db.SaveChangesAsync(cancellationToken);
        return ToItem(task);
    }

    // An empty description means "no description"; storing "" and null both would give two ways to say nothing.
    private static string? Normalize(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    private static TaskItem ToItem(TodoTask t) =>
        new(t.Id, t.Title, t.Description, t.IsCompleted, t.Priority, t.DueDate, t.CreatedAt, t.UpdatedAt, t.CompletedAt);
}

/// <summary>
/// The hottest queries, compiled once per provider (a compiled query binds to the model of the first context it
/// runs on, and the two providers' models differ). Projecting straight to <see cref="TaskItem"/> skips entity
/// materialization and change tracking.
/// </summary>
internal static class TaskQueries<TContext> where TContext : TodoDbContext
{
    public static readonly Func<TContext, Guid, bool, bool, IAsyncEnumerable<TaskItem>> List =
        EF.CompileAsyncQuery((TContext db, Guid userId, bool includeOpen, bool includeCompleted) =>
            db.Tasks.Where(t => t.UserId == userId && (t.IsCompleted ? includeCompleted : includeOpen))
                // Ids only grow, so id order is creation order and never reshuffles when a task is edited.
                .OrderBy(t => t.Id)
                .Select(t => new TaskItem(t.Id, t.Title, t.Description, t.IsCompleted, t.Priority, t.DueDate, t.CreatedAt, t.UpdatedAt, t.CompletedAt)));

    public static readonly Func<TContext, Guid, int, CancellationToken, Task<TaskItem?>> Find =
        EF.CompileAsyncQuery((TContext db, Guid userId, int id, CancellationToken cancellationToken) =>
            db.Tasks.Where(t => t.UserId == userId && t.Id == id)
                .Select(t => new TaskItem(t.Id, t.Title, t.Description, t.IsCompleted, t.Priority, t.DueDate, t.CreatedAt, t.UpdatedAt, t.CompletedAt))
                .FirstOrDefault());
}
