using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Api.Accounts;
using Todo.Api.Hosting;
using Todo.Contracts;

namespace Todo.Api.Chat;

public static class ChatEndpoints
{
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddSingleton<CommandInterpreter>();
        services.AddSingleton(ChatModel.Create);
        services.AddScoped<ActionLog>();
        services.AddScoped<TaskTools>();
        services.AddScoped<TaskAgent>();
        services.AddScoped<ConversationStore>();
        services.AddScoped<BulkConfirmation>();
        return services;
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup(ApiRoutes.Chat)
            .WithTags("Chat")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimits.Chat)
            .MapPost("", ChatAsync).WithName("Chat");

        var conversations = routes.MapGroup(ApiRoutes.Conversations)
            .WithTags("Chat")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimits.PerUser);
        conversations.MapGet("", ListAsync).WithName("ListConversations");
        conversations.MapGet("/{id:guid}/messages", MessagesAsync).WithName("ConversationMessages");
        return routes;
    }

    private static async Task<Results<Ok<ChatResponse>, ValidationProblem, ProblemHttpResult>> ChatAsync(
        ChatRequest request, ClaimsPrincipal user, ConversationStore store, BulkConfirmation bulk, TaskAgent agent, ActionLog log,
        CancellationToken cancellationToken)
    {
        var message = request.Message?.Trim() ?? "";
        if (message.Length is 0 or > ChatLimits.MessageMaxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["message"] = [$"The message must be 1 to {ChatLimits.MessageMaxLength} characters long."],
            });
        }

        if (TextRules.HasControlCharacters(message, multiline: true))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["message"] = ["The message must not contain control characters such as NUL (tabs and line breaks are fine)."],
            });
        }

        var userId = user.GetUserId();
        var conversation = request.ConversationId is { } id ? await store.FindAsync(userId, id, cancellationToken) : null;
        if (request.ConversationId is not null && conversation is null)
        {
            return ConversationNotFound();
        }

        var history = conversation is null ? [] : await store.LoadHistoryAsync(conversation.Id, cancellationToken);
        conversation ??= store.Start(userId, message);
        var turn = await bulk.HandleAsync(conversation, message, cancellationToken);
        var (reply, actions) = turn.Reply is { } bulkReply
            ? (bulkReply, log.Actions)
            : await agent.RespondAsync(history, message, cancellationToken);
        reply = turn.Note + reply;
        await store.AppendTurnAsync(conversation, message, reply, actions, cancellationToken);
        return TypedResults.Ok(new ChatResponse(conversation.Id, reply, actions));
    }

    private static async Task<Ok<List<ConversationSummary>>> ListAsync(
        ClaimsPrincipal user, ConversationStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(user.GetUserId(), cancellationToken));

    private static async Task<Results<Ok<List<ConversationMessage>>, ProblemHttpResult>> MessagesAsync(
        Guid id, ClaimsPrincipal user, ConversationStore store, CancellationToken cancellationToken) =>
        await store.MessagesAsync(user.GetUserId(), id, cancellationToken) is { } messages
            ? TypedResults.Ok(messages)
            : ConversationNotFound();

    private static ProblemHttpResult ConversationNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found",
            detail: "There is no such conversation in your history.");
}
