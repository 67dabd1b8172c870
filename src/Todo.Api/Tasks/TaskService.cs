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

    /// <summary>The user's task with this number (the id the API shows), or null.</summary>
    public Task<TaskItem?> FindAsync(Guid userId, int number, CancellationToken cancellationToken) =>
        db is PostgresTodoDbContext postgres
            ? TaskQueries<PostgresTodoDbContext>.Find(postgres, userId, number, cancellationToken)
            : TaskQueries<SqliteTodoDbContext>.Find((SqliteTodoDbContext)db, userId, number, cancellationToken);

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
        TodoTask? created = null;
        // The number comes from a per-user counter bumped in the same transaction as the insert. The UPDATE locks the
        // user's row until commit (PostgreSQL row lock; SQLite's write lock), so two replicas adding a task for one
        // user at the same moment are serialized and get consecutive numbers; stateless, nothing kept in the process.
        // The execution strategy reruns the whole transaction when the connection is lost; if it is lost during the
        // commit, the verification asks the database whether the commit happened, so a retry never adds it twice.
        await db.Database.CreateExecutionStrategy().ExecuteInTransactionAsync(
            async attempt =>
            {
                if (created is not null)
                {
                    db.Entry(created).State = EntityState.Detached; // saved by an attempt whose commit was lost
                }

                created = await AddNumberedAsync(userId, request, now, attempt);
            },
            async verify => created is not null && await db.Tasks.AnyAsync(t => t.Id == created.Id, verify),
            cancellationToken);
        db.Entry(created!).State = EntityState.Detached;
        return ToItem(created!);
    }

    private async Task<TodoTask> AddNumberedAsync(Guid userId, CreateTaskRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bumped = await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastTaskNumber, u => u.LastTaskNumber + 1), cancellationToken);
        if (bumped == 0)
        {
            throw new InvalidOperationException("Tasks can only be added for an existing account.");
        }

        var number = await db.Users.Where(u => u.Id == userId).Select(u => u.LastTaskNumber).SingleAsync(cancellationToken);
        var task = new TodoTask
        {
            UserId = userId,
            Number = number,
            Title = request.Title.Trim(),
            Description = Normalize(request.Description),
            Priority = request.Priority ?? TaskPriority.Medium,
            DueDate = request.DueDate,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tasks.Add(task);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // A retry starts over with a new task; this one must not be inserted along with it.
            db.Entry(task).State = EntityState.Detached;
            throw;
        }

        return task;
    }

    public async Task<TaskItem?> UpdateAsync(Guid userId, int number, UpdateTaskRequest request, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.UserId == userId && t.Number == number, cancellationToken);
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

    public async Task<TaskItem?> DeleteAsync(Guid userId, int number, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.UserId == userId && t.Number == number, cancellationToken);
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
        new(t.Number, t.Title, t.Description, t.IsCompleted, t.Priority, t.DueDate, t.CreatedAt, t.UpdatedAt, t.CompletedAt);
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
                // Numbers only grow, so number order is creation order and never reshuffles when a task is edited.
                .OrderBy(t => t.Number)
                .Select(t => new TaskItem(t.Number, t.Title, t.Description, t.IsCompleted, t.Priority, t.DueDate, t.CreatedAt, t.UpdatedAt, t.CompletedAt)));

    public static readonly Func<TContext, Guid, int, CancellationToken, Task<TaskItem?>> Find =
        EF.CompileAsyncQuery((TContext db, Guid userId, int number, CancellationToken cancellationToken) =>
            db.Tasks.Where(t => t.UserId == userId && t.Number == number)
                .Select(t => new TaskItem(t.Number, t.Title, t.Description, t.IsCompleted, t.Priority, t.DueDate, t.CreatedAt, t.UpdatedAt, t.CompletedAt))
                .FirstOrDefault());
}
