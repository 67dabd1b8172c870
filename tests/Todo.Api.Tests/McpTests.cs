using System.Net;
using System.Net.Http.Json;
using ModelContextProtocol.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>The MCP endpoint through the official SDK client over Streamable HTTP, authenticated with the app's token.</summary>
public sealed class McpTests(PostgresApi app) : IClassFixture<PostgresApi>
{
    [Fact]
    public async Task The_sdk_client_lists_the_five_task_tools()
    {
        var (http, _) = await app.Factory.SignUpAsync();
        await using var mcp = await ConnectAsync(http);

        var tools = await mcp.ListToolsAsync();

        tools.Select(t => t.Name).ShouldBe(["add_task", "list_tasks", "complete_task", "update_task", "delete_task"], ignoreOrder: true);
        tools.ShouldAllBe(t => !string.IsNullOrWhiteSpace(t.Description));
    }

    [Fact]
    public async Task Tools_add_and_complete_a_task_for_the_calling_user()
    {
        var (http, _) = await app.Factory.SignUpAsync();
        await using var mcp = await ConnectAsync(http);

        var added = await mcp.CallToolAsync("add_task", new Dictionary<string, object?> { ["title"] = "buy milk", ["priority"] = "High" });
        var task = (await http.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.Single();
        var completed = await mcp.CallToolAsync("complete_task", new Dictionary<string, object?> { ["id"] = task.Id });
        var listed = await mcp.CallToolAsync("list_tasks", new Dictionary<string, object?> { ["status"] = "Completed" });

        Text(added).ShouldBe($"Added task {task.Id} 'buy milk' (high priority).");
        Text(completed).ShouldStartWith($"Completed task {task.Id}");
        Text(listed).ShouldContain("buy milk");
        (await http.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(task.Id)))!.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task Tools_cannot_touch_another_users_tasks()
    {
        var (alice, _) = await app.Factory.SignUpAsync("alice");
        var (bob, _) = await app.Factory.SignUpAsync("bob");
        var secret = await TaskApiSpecification.CreateAsync(alice, new CreateTaskRequest("alice's secret"));
        await using var mcp = await ConnectAsync(bob);

        var complete = await mcp.CallToolAsync("complete_task", new Dictionary<string, object?> { ["id"] = secret.Id });
        var update = await mcp.CallToolAsync("update_task", new Dictionary<string, object?> { ["id"] = secret.Id, ["newTitle"] = "hacked" });
        var delete = await mcp.CallToolAsync("delete_task", new Dictionary<string, object?> { ["title"] = "secret" });
        var list = await mcp.CallToolAsync("list_tasks", new Dictionary<string, object?> { ["status"] = "All" });

        Refusal(complete).ShouldStartWith($"There is no task {secret.Id}");
        Refusal(update).ShouldStartWith($"There is no task {secret.Id}");
        Refusal(delete).ShouldStartWith("No task on your list matches");
        Text(list).ShouldNotContain("secret");
        (await alice.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(secret.Id))).ShouldBe(secret);
    }

    [Fact]
    public async Task Calls_without_a_token_are_refused_with_401()
    {
        using var anonymous = app.Factory.CreateClient();

        using var raw = await anonymous.PostAsJsonAsync(ApiRoutes.Mcp, new { jsonrpc = "2.0", id = 1, method = "tools/list" });
        var connect = async () => await ConnectAsync(anonymous);

        raw.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await connect.ShouldThrowAsync<HttpRequestException>()).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>Bad arguments, per the MCP spec's tool errors: isError with a sentence saying what to send instead.</summary>
    public static readonly TheoryData<string, string, string> BadArguments = new()
    {
        { "delete_task", """{"id":"x"}""", "id must be a task number" },
        { "complete_task", """{"id":2.5}""", "id must be a task number" },
        { "add_task", """{"title":"buy milk","priority":"urgent-ish"}""", "priority must be low, medium or high" },
        { "add_task", """{"title":"buy milk","dueDate":"next tuesday"}""", "dueDate must be a date written YYYY-MM-DD" },
        { "add_task", """{"title":""}""", "The title must be 1 to 200 characters long" },
        { "add_task", """{"title":7}""", "title must be text" },
        { "list_tasks", """{"status":"finished"}""", "status must be open, completed or all" },
        { "update_task", """{"id":1,"completed":"yes"}""", "completed must be true or false" },
        { "update_task", """{"id":1}""", "Nothing to change on task 1" },
        { "complete_task", """{"id":99}""", "There is no task 99" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task A_bad_argument_is_a_tool_error_with_a_message_a_model_can_act_on(string tool, string arguments, string message)
    {
        var (http, _) = await app.Factory.SignUpAsync();
        await TaskApiSpecification.CreateAsync(http, new CreateTaskRequest("buy bread"));
        await using var mcp = await ConnectAsync(app.Factory, http);

        var result = await mcp.CallToolAsync(tool, System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments));

        Refusal(result).ShouldContain(message);
        (await http.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.Select(t => t.Title).ShouldBe(["buy bread"]);
    }

    [Fact]
    public async Task A_bad_argument_is_logged_as_one_warning_without_a_stack_trace()
    {
        var logs = new RecordingLoggerProvider();
        await using var factory = app.Factory.WithWebHostBuilder(host =>
            host.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        var (_, auth) = await app.Factory.SignUpAsync();
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", auth.AccessToken);
        await using var mcp = await ConnectAsync(factory, http);

        var result = await mcp.CallToolAsync("delete_task", new Dictionary<string, object?> { ["id"] = "x" });

        Refusal(result).ShouldContain("id must be a task number");
        var entries = logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("delete_task", StringComparison.Ordinal)
            && e.Message.Contains("id must be a task number", StringComparison.Ordinal));
        entries.ShouldAllBe(e => e.Level == LogLevel.Warning && !e.HasException, string.Join('\n', entries.Select(e => $"{e.Level} {e.Message}")));
    }

    private Task<McpClient> ConnectAsync(HttpClient http) => ConnectAsync(app.Factory, http);

    public static async Task<McpClient> ConnectAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, HttpClient http)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(factory.Server.BaseAddress, ApiRoutes.Mcp),
            TransportMode = HttpTransportMode.StreamableHttp,
        }, http, ownsHttpClient: false);
        return await McpClient.CreateAsync(transport);
    }

    public static string Content(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static string Text(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, Content(result));
        return Content(result);
    }

    private static string Refusal(CallToolResult result)
    {
        result.IsError.ShouldBe(true, Content(result));
        return Content(result);
    }
}
