using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Todo.Api.Tests.Infrastructure;

/// <summary>
/// Stands in for a paid LLM: a real HTTP server on loopback speaking OpenAI's /v1/chat/completions wire format
/// (tool_calls included). Each request is answered by the next scripted reply; every request body is kept.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private const string RequestBody = "request body";
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> script = new();

    private FakeOpenAiServer(WebApplication app) => this.app = app;

    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>What OPENAI_BASE_URL should be.</summary>
    public string BaseUrl => app.Urls.Single() + "/v1";

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", async context =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!;
            server.Requests.Enqueue(body);
            context.Items[RequestBody] = body;
            if (!server.script.TryDequeue(out var respond))
            {
                respond = Error(HttpStatusCode.InternalServerError, "the test scripted no reply for this request");
            }

            await respond(context);
        });
        await app.StartAsync();
        return server;
    }

    public void Reset()
    {
        script.Clear();
        Requests.Clear();
    }

    public void ThenCallTool(string name, object arguments) => script.Enqueue(Completion(new JsonObject
    {
        ["role"] = "assistant",
        ["content"] = null,
        ["tool_calls"] = new JsonArray(new JsonObject
        {
            ["id"] = $"call_{Guid.NewGuid():N}",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = JsonSerializer.Serialize(arguments) },
        }),
    }, "tool_calls"));

    public void ThenAnswer(string text) =>
        script.Enqueue(Completion(new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop"));

    /// <summary>
    /// Answers as a model does after a tool call (OpenAI's function-calling flow: the client sends the results back as
    /// <c>role: "tool"</c> messages with the call's <c>tool_call_id</c>, and the model writes its reply from them): the
    /// reply is <paramref name="compose"/> of the tool results this request carried, so it says only what they said.
    /// </summary>
    public void ThenAnswerFromToolResults(Func<IReadOnlyList<string>, string> compose) => script.Enqueue(context =>
    {
        var messages = ((JsonNode)context.Items[RequestBody]!)["messages"]!.AsArray();
        var results = messages.Where(m => m!["role"]!.GetValue<string>() == "tool").Select(m => ContentText(m!["content"])).ToList();
        return Completion(new JsonObject { ["role"] = "assistant", ["content"] = compose(results) }, "stop")(context);
    });

    /// <summary>A message's content: a string, or (as some clients send it) an array of text parts.</summary>
    public static string ContentText(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => "",
    };

    public void ThenFail(HttpStatusCode status, string message) => script.Enqueue(Error(status, message));

    public void ThenHang(TimeSpan delay) => script.Enqueue(async context =>
    {
        await Task.Delay(delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
    });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static Func<HttpContext, Task> Completion(JsonObject message, string finishReason) => context =>
    {
        var body = new JsonObject
        {
            ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = "fake-model",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    };

    private static Func<HttpContext, Task> Error(HttpStatusCode status, string message) => context =>
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["code"] = null },
        };
        return context.Response.WriteAsync(body.ToJsonString());
    };
}
