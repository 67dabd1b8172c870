using Todo.Contracts;

namespace Todo.Api.Data;

public sealed class UserAccount
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    /// <summary>Lower-cased email: the unique key sign-in looks up.</summary>
    public required string NormalizedEmail { get; set; }
    public required string DisplayName { get; set; }
    public string PasswordHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The highest task number this user has been given; the next task gets one more. Never goes down, so a
    /// deleted task's number is never reused and "task 3" in an old conversation cannot point at a newer task.</summary>
    public int LastTaskNumber { get; set; }
}

/// <summary>
/// One signed-in device: tokens name it (claim <c>sid</c>) and are accepted only while its row exists, so deleting the
/// row signs that device out on every replica at once.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

public sealed class TodoTask
{
    /// <summary>The row's key, global across users: never shown (it would reveal how many tasks the system holds).</summary>
    public int Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The number the user sees and uses (1, 2, 3… per user): the API's task id.</summary>
    public int Number { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public bool IsCompleted { get; set; }
    public TaskPriority Priority { get; set; }
    public DateOnly? DueDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public sealed class Conversation
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>A bulk action the assistant asked about and waits for a yes to ("delete" or "complete"), or null.
    /// Kept here, not in a replica's memory, so the yes may land on any replica.</summary>
    public string? PendingAction { get; set; }
    /// <summary>The task numbers the pending action covers, as counted when it was asked ("1,2,5"): a task added
    /// between the question and the yes is not part of what the user agreed to.</summary>
    public string? PendingTaskNumbers { get; set; }
}

public sealed class StoredMessage
{
    public long Id { get; set; }
    public Guid ConversationId { get; set; }
    /// <summary>"user" or "assistant".</summary>
    public required string Role { get; set; }
    public required string Content { get; set; }
    /// <summary>The <see cref="ChatAction"/>s of an assistant turn, as JSON.</summary>
    public string? ActionsJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The token-signing key shared by all replicas when AUTH_SIGNING_KEY is not configured; one row, id 1.</summary>
public sealed class SigningKey
{
    public int Id { get; set; }
    public required string KeyMaterial { get; set; }
}
