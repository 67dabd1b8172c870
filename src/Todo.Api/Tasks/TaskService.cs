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
        var query = db.Tasks.AsNoTracking().Where(t => t.UserId == userId);
        query = status switch
        {
            TaskStatusFilter.Open => query.Where(t => !t.IsCompleted),
            TaskStatusFilter.Completed => query.Where(t => t.IsCompleted),
            _ => query,
        };
        // Ids only grow, so id order is creation order and never reshuffles when a task is edited.
        var tasks = await query.OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return tasks.ConvertAll(ToItem);
    }

    public async Task<TaskItem?> FindAsync(Guid userId, int id, CancellationToken cancellationToken) =>
        await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == userId && t.Id == id, cancellationToken) is { } task
            ? ToItem(task)
            : null;

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
