using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Todo.Api.Chat;

/// <summary>
/// The assistant when no language model is configured: an <see cref="IChatClient"/> that turns the user's last
/// message into a tool call (<see cref="FunctionCallContent"/>) and, once the function-invocation layer has run the
/// tool, answers with the tool's result. Everything around it — tools, actions, history — is the model path.
/// </summary>
public sealed class CommandInterpreter(TimeProvider time) : IChatClient
{
    private int callCounter;

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var last = messages.LastOrDefault();
        if (last is { Role.Value: "tool" })
        {
            var results = last.Contents.OfType<FunctionResultContent>().Select(r => ResultText(r.Result));
            return Task.FromResult(Answer(string.Join("\n", results)));
        }

        var text = last?.Text ?? "";
        var intent = UtteranceParser.Parse(text, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (intent is ToolIntent call && options?.Tools?.Any(t => t.Name == call.Tool) == true)
        {
            var id = $"call_{Interlocked.Increment(ref callCounter)}";
            var arguments = new Dictionary<string, object?>(call.Arguments);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(id, call.Tool, arguments)]))
            {
                FinishReason = ChatFinishReason.ToolCalls,
            });
        }

        return Task.FromResult(Answer(intent switch
        {
            ReplyIntent reply => reply.Text,
            // Bulk requests are asked about before the agent runs (BulkConfirmation); this is only a safety net.
            BulkIntent => "I only change every task at once after asking. Say it again and I'll ask.",
            _ => "That tool is not available right now.",
        }));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // Nothing to release: the interpreter holds no connections.
    }

    private static ChatResponse Answer(string text) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop };

    private static string ResultText(object? result) => result switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } json => json.GetString() ?? "",
        null => "Done.",
        _ => result.ToString() ?? "Done.",
    };
}
