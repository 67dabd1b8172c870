using System.Text.Json.Serialization;

namespace Todo.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<TaskPriority>))]
public enum TaskPriority
{
    Low,
    Medium,
    High,
}

/// <summary>The <c>status</c> query filter of the task list.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskStatusFilter>))]
public enum TaskStatusFilter
{
    All,
    Open,
    Completed,
}

public sealed record TaskItem(
    int Id,
    string Title,
    string? Description,
    bool IsCompleted,
    TaskPriority Priority,
    DateOnly? DueDate,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);

public sealed record CreateTaskRequest(
    string Title,
    string? Description = null,
    TaskPriority? Priority = null,
    DateOnly? DueDate = null);

/// <summary>A partial update: fields left null keep their value; <see cref="ClearDueDate"/> removes the due date.</summary>
public sealed record UpdateTaskRequest(
    string? Title = null,
    string? Description = null,
    bool? IsCompleted = null,
    TaskPriority? Priority = null,
    DateOnly? DueDate = null,
    bool ClearDueDate = false);

/// <summary>Field limits enforced by the API and mirrored by the UI.</summary>
public static class TaskLimits
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
}
