using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Todo.Api.Data;
using Todo.Contracts;

namespace Todo.Api.Chat;

/// <summary>Conversations live only in the database, so any replica can continue any conversation.</summary>
public sealed class ConversationStore(TodoDbContext db, TimeProvider time)
{
    /// <summary>How many earlier messages the agent sees: enough context for "complete it", cheap to reload.</summary>
    public const int HistoryWindow = 20;

    public Task<Conversation?> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        db.Conversations.FirstOrDefaultAsync(c => c.UserId == userId && c.Id == id, cancellationToken);

    public async Task<List<ChatMessage>> LoadHistoryAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var recent = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.Id)
            .Take(HistoryWindow)
            .ToListAsync(cancellationToken);
        recent.Reverse();
        return recent.ConvertAll(m => new ChatMessage(m.Role == "user" ? ChatRole.User : ChatRole.Assistant, m.Content));
    }

    public Conversation Start(Guid userId, string firstMessage)
    {
        var now = time.GetStoredNow();
        var title = firstMessage.ReplaceLineEndings(" ").Trim();
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Title = title.Length > 60 ? title[..59].TrimEnd() + "…" : title,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Conversations.Add(conversation);
        return conversation;
    }

    public async Task AppendTurnAsync(
        Conversation conversation, string message, string reply, IReadOnlyList<ChatAction> actions, CancellationToken cancellationToken)
    {
        var now = time.GetStoredNow();
        conversation.UpdatedAt = now;
        db.Messages.Add(new StoredMessage { ConversationId = conversation.Id, Role = "user", Content = message, CreatedAt = now });
        db.Messages.Add(new StoredMessage
        {
            ConversationId = conversation.Id,
            Role = "assistant",
            Content = reply,
            ActionsJson = actions.Count > 0 ? JsonSerializer.Serialize([.. actions], StorageJson.Default.ListChatAction) : null,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<List<ConversationSummary>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        return conversations.ConvertAll(c => new ConversationSummary(c.Id, c.Title, c.CreatedAt, c.UpdatedAt));
    }

    public async Task<List<ConversationMessage>?> MessagesAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        if (!await db.Conversations.AnyAsync(c => c.UserId == userId && c.Id == id, cancellationToken))
        {
            return null;
        }

        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == id)
            .OrderBy(m => m.Id)
            .ToListAsync(cancellationToken);
        return messages.ConvertAll(m => new ConversationMessage(
            m.Role,
            m.Content,
            m.CreatedAt,
            m.ActionsJson is null ? [] : JsonSerializer.Deserialize(m.ActionsJson, StorageJson.Default.ListChatAction) ?? []));
    }
}

[JsonSerializable(typeof(List<ChatAction>))]
internal sealed partial class StorageJson : JsonSerializerContext;
