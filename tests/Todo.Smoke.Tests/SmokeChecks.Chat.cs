using System.Net;
using Todo.Contracts;

namespace Todo.Smoke.Tests;

/// <summary>
/// Chat through the built-in interpreter (no model key in a smoke deployment). Each check reads the task list back:
/// the proof is the effect in the database, not the wording of the reply.
/// </summary>
public sealed partial class SmokeChecks
{
    const string ChatTitle = "buy milk";

    [Check(30, "Chat 'add buy milk' creates the task")]
    public async Task Chat_add()
    {
        await ChatAsync($"add {ChatTitle}");
        var list = await ListTasksAsync();
        list.Exchange.ShouldBe(list.Tasks.Count(task => task.Title == ChatTitle && !task.IsCompleted) == 1,
            $"exactly one open task '{ChatTitle}' after the chat");
    }

    [Check(31, "Chat 'what's on my list' answers with the tasks")]
    public async Task Chat_list()
    {
        var (exchange, reply) = await ChatAsync("what's on my list");
        exchange.ShouldBe(reply.Reply.Contains(ChatTitle, StringComparison.OrdinalIgnoreCase),
            $"a reply that names '{ChatTitle}' (the open task in the database)");
    }

    [Check(32, "Chat 'complete buy milk' completes the task")]
    public async Task Chat_complete()
    {
        await ChatAsync($"complete {ChatTitle}");
        var list = await ListTasksAsync();
        list.Exchange.ShouldBe(list.Tasks.Any(task => task.Title == ChatTitle && task.IsCompleted),
            $"task '{ChatTitle}' completed in the list after the chat");
    }

    [Check(33, "Chat 'delete buy milk' deletes the task")]
    public async Task Chat_delete()
    {
        await ChatAsync($"delete {ChatTitle}");
        var list = await ListTasksAsync();
        list.Exchange.ShouldBe(list.Tasks.All(task => task.Title != ChatTitle), $"no task '{ChatTitle}' in the list after the chat");
    }

    [Check(34, "The chat conversation is stored with both sides of every turn")]
    public async Task Chat_history()
    {
        var (_, reply) = await ChatAsync("what's on my list");
        var messages = await session.SendAsync(HttpMethod.Get, ApiRoutes.ConversationMessages(reply.ConversationId));
        var stored = messages.ShouldHaveStatus(HttpStatusCode.OK).Json(TodoJsonContext.Default.ListConversationMessage);
        messages.ShouldBe(stored.Any(message => message.Role == "user") && stored.Any(message => message.Role == "assistant"),
            "the stored conversation to hold the user's message and the assistant's reply");
    }

    async Task<(Exchange Exchange, ChatResponse Reply)> ChatAsync(string message)
    {
        await session.EnsureSignedInAsync();
        var exchange = await session.SendAsync(HttpMethod.Post, ApiRoutes.Chat,
            new ChatRequest(message, session.ConversationId), TodoJsonContext.Default.ChatRequest);
        var reply = exchange.ShouldHaveStatus(HttpStatusCode.OK).Json(TodoJsonContext.Default.ChatResponse);
        session.ConversationId = reply.ConversationId;
        return (exchange, reply);
    }
}
