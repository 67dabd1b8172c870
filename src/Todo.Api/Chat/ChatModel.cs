using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using Todo.Api.Hosting;
using Todo.Api.Mcp;

namespace Todo.Api.Chat;

/// <summary>
/// The chat client the agent talks to, with function invocation layered on top: an OpenAI-compatible model when
/// OPENAI_API_KEY or OPENAI_BASE_URL is set (OpenAI, Groq, Gemini, Ollama, LM Studio…), else the built-in interpreter.
/// </summary>
public sealed class ChatModel(IChatClient client, string description, bool isBuiltIn)
{
    public IChatClient Client { get; } = client;
    public string Description { get; } = description;
    public bool IsBuiltIn { get; } = isBuiltIn;

    public static ChatModel Create(IServiceProvider services)
    {
        var settings = services.GetRequiredService<TodoSettings>();
        var usesModel = settings.OpenAiApiKey is not null || settings.OpenAiBaseUrl is not null;
        IChatClient inner = usesModel
            ? new OpenAIClient(
                    // Local servers (Ollama, LM Studio) need no key, but the client insists on one.
                    new ApiKeyCredential(settings.OpenAiApiKey ?? "not-needed"),
                    new OpenAIClientOptions
                    {
                        Endpoint = settings.OpenAiBaseUrl,
                        NetworkTimeout = settings.OpenAiTimeout,
                        RetryPolicy = new ClientRetryPolicy(settings.OpenAiMaxRetries),
                    })
                .GetChatClient(settings.OpenAiModel)
                .AsIChatClient()
            : services.GetRequiredService<CommandInterpreter>();

        var client = new ChatClientBuilder(inner)
            .UseFunctionInvocation(services.GetRequiredService<ILoggerFactory>(), invoker =>
            {
                // Enough rounds for "list, then complete two of them"; a model looping on tools is cut off.
                invoker.MaximumIterationsPerRequest = 8;
                invoker.IncludeDetailedErrors = false;
                // A model's bad argument ("priority": "urgent-ish", "id": "x") would fail binding and reach the model as
                // an opaque "function failed"; checked first, the model gets the sentence MCP clients get (ToolCallGuard)
                // as the tool's result, and can correct itself or tell the user.
                invoker.FunctionInvoker = (context, cancellationToken) =>
                    ToolCallGuard.Problem(JsonArguments(context.Arguments)) is { } problem
                        ? ValueTask.FromResult<object?>(problem)
                        : context.Function.InvokeAsync(context.Arguments, cancellationToken);
            })
            .Build(services);

        var description = usesModel
            ? $"model '{settings.OpenAiModel}' at {settings.OpenAiBaseUrl?.GetLeftPart(UriPartial.Authority) ?? "the OpenAI API"}"
            : "built-in command interpreter (no OPENAI_API_KEY or OPENAI_BASE_URL)";
        return new ChatModel(client, description, !usesModel);
    }

    /// <summary>The arguments as the model sent them (JSON); the built-in interpreter's are already typed and need no check.</summary>
    private static Dictionary<string, JsonElement> JsonArguments(AIFunctionArguments arguments) =>
        arguments.Where(a => a.Value is JsonElement).ToDictionary(a => a.Key, a => (JsonElement)a.Value!);
}
