using System.ClientModel;
using System.Globalization;
using Microsoft.Extensions.AI;
using Todo.Contracts;

namespace Todo.Api.Chat;

/// <summary>One assistant turn: history + message in, reply + the actions the tools took out. Never throws for model trouble.</summary>
public sealed class TaskAgent(ChatModel model, TaskTools tools, ActionLog log, TimeProvider time, ILogger<TaskAgent> logger)
{
    public async Task<(string Reply, IReadOnlyList<ChatAction> Actions)> RespondAsync(
        IReadOnlyList<ChatMessage> history, string message, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        List<ChatMessage> messages = [new(ChatRole.System, SystemPrompt(today)), .. history, new(ChatRole.User, message)];
        var options = new ChatOptions { Tools = tools.AsAIFunctions(), ToolMode = ChatToolMode.Auto };
        string reply;
        try
        {
            var response = await model.Client.GetResponseAsync(messages, options, cancellationToken);
            reply = response.Text.Trim();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the provider does (HTTP errors, timeouts, malformed output), the user gets a reply.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            reply = Explain(exception);
            logger.LogWarning("Chat model call failed ({Reason}): {ExceptionType} {Message}",
                reply, exception.GetType().Name, exception.Message);
        }

        if (reply.Length == 0)
        {
            reply = log.Actions.Count > 0 ? "Done: " + string.Join("; ", log.Actions.Select(a => a.Summary)) + "." : "Okay.";
        }

        return (reply, log.Actions);
    }

    private string Explain(Exception exception)
    {
        var done = log.Actions.Count > 0 ? " Before that I " + string.Join("; ", log.Actions.Select(a => a.Summary)) + "." : "";
        var reason = exception switch
        {
            ClientResultException { Status: 401 or 403 } => "the language model provider refused our API key (check OPENAI_API_KEY)",
            ClientResultException { Status: 429 } => "the language model provider is rate-limiting us; please try again in a minute",
            ClientResultException { Status: >= 500 } => "the language model provider is having trouble; please try again shortly",
            ClientResultException result => string.Create(CultureInfo.InvariantCulture, $"the language model provider answered HTTP {result.Status}"),
            OperationCanceledException or TimeoutException => "the language model took too long to answer; please try again",
            HttpRequestException => "the language model provider could not be reached",
            _ => "the language model's answer could not be used",
        };
        return $"Sorry, I can't answer right now: {reason}.{done}";
    }

    private static string SystemPrompt(DateOnly today) => string.Create(CultureInfo.InvariantCulture,
        $"""
        You are the assistant of a to-do list app. Today is {today:dddd yyyy-MM-dd}.
        Manage the user's tasks only through the tools: add_task, list_tasks, complete_task, update_task, delete_task.
        Never claim to have changed a task without calling a tool. Refer to tasks by their id when you know it; when
        the user names a task by its title, pass words from the title. Dates are YYYY-MM-DD. Keep replies short and
        friendly, and mention the ids of the tasks you touched. If a request is unclear, ask one short question.
        """);
}
