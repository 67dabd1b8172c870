using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Todo.Api.Chat;
using Todo.Contracts;

namespace Todo.Api.Mcp;

/// <summary>
/// Makes every refused tool call an MCP tool error (<c>isError: true</c>, which the spec reserves for errors the model
/// should see and correct) with a sentence saying what to send instead. Arguments are checked before the SDK binds
/// them, because a binding failure (<c>"id": "x"</c>) would otherwise surface as the SDK's opaque "An error occurred
/// invoking …" and an Error log with a stack trace for what is only a caller's mistake.
/// </summary>
public static class ToolCallGuard
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var logger = context.Services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(ToolCallGuard));
            var tool = context.Params?.Name ?? "?";
            if (Problem(context.Params?.Arguments) is { } problem)
            {
                return Refused(logger, tool, problem);
            }

            var result = await next(context, cancellationToken);
            if (context.Services?.GetService<ActionLog>() is { Refusal: { } refusal })
            {
                return Refused(logger, tool, refusal);
            }

            return result;
        };

    /// <summary>What is wrong with the arguments, as a sentence a model can act on; null when they can be bound.</summary>
    public static string? Problem(IDictionary<string, JsonElement>? arguments)
    {
        foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var problem = name switch
            {
                "id" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _) ? null
                    : "id must be a task number such as 3 (list_tasks shows them).",
                "priority" => OneOf(value, "low", "medium", "high") ? null : "priority must be low, medium or high.",
                "status" => OneOf(value, "open", "completed", "all") ? null : "status must be open, completed or all.",
                "dueDate" => value.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? null : "dueDate must be a date written YYYY-MM-DD, such as 2026-12-24.",
                "completed" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "completed must be true or false.",
                "title" or "newTitle" => Text(name, value, multiline: false),
                "description" => Text(name, value, multiline: true),
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Text(string name, JsonElement value, bool multiline) =>
        value.ValueKind != JsonValueKind.String ? $"{name} must be text."
        : TextRules.HasControlCharacters(value.GetString(), multiline) ? $"{name} must not contain control characters such as NUL."
        : null;

    private static bool OneOf(JsonElement value, params string[] allowed) =>
        value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString(), StringComparer.OrdinalIgnoreCase);

    private static CallToolResult Refused(ILogger? logger, string tool, string reason)
    {
        // A warning, without an exception: the caller sent something unusable, the server is fine.
        logger?.LogWarning("MCP tool {Tool} refused the call: {Reason}", tool, reason);
        return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = reason }] };
    }
}
