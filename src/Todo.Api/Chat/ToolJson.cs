using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using Todo.Contracts;

namespace Todo.Api.Chat;

/// <summary>
/// The JSON the task tools speak, for both the chat agent (<see cref="AIFunctionFactory"/>) and MCP (<c>WithTools</c>).
/// The trimmed image runs with reflection-based JSON off, and the SDKs' default options only know their own protocol
/// types: without this, building a tool's schema or binding <c>TaskPriority?</c> fails at start-up. Both SDKs document
/// passing serializer options with a source-generated resolver for trimming and NativeAOT.
/// </summary>
public static class ToolJson
{
    /// <summary>MCP's defaults (which chain Microsoft.Extensions.AI's) with the tools' parameter and result types first.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions);
        options.TypeInfoResolverChain.Insert(0, ToolJsonContext.Default);
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>Every type a <see cref="TaskTools"/> method takes or returns (nullable and not: the interpreter passes
/// plain values, models send JSON).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(DateOnly))]
[JsonSerializable(typeof(DateOnly?))]
[JsonSerializable(typeof(TaskPriority))]
[JsonSerializable(typeof(TaskPriority?))]
[JsonSerializable(typeof(TaskStatusFilter))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;
