namespace Todo.Contracts;

public sealed record ChatRequest(string Message, Guid? ConversationId = null);

/// <summary>What the assistant did while answering, e.g. tool "add_task", summary "added task 7 'buy milk'".</summary>
public sealed record ChatAction(string Tool, string Summary, int? TaskId = null);

public sealed record ChatResponse(Guid ConversationId, string Reply, IReadOnlyList<ChatAction> Actions);

public sealed record ConversationSummary(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One stored turn of a conversation; <see cref="Role"/> is "user" or "assistant".</summary>
public sealed record ConversationMessage(
    string Role,
    string Content,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ChatAction> Actions);

public static class ChatLimits
{
    public const int MessageMaxLength = 4000;
}
