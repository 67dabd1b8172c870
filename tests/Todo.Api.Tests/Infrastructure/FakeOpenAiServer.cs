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
            server.Requests.Enqueue((await JsonNode.ParseAsync(context.Request.Body))!);
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
