using System.Net;
using System.Net.Http.Json;
using ModelContextProtocol.Client;
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

        Text(complete).ShouldStartWith($"There is no task {secret.Id}");
        Text(update).ShouldStartWith($"There is no task {secret.Id}");
        Text(delete).ShouldStartWith("No task on your list matches");
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

    private async Task<McpClient> ConnectAsync(HttpClient http)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(app.Factory.Server.BaseAddress, ApiRoutes.Mcp),
            TransportMode = HttpTransportMode.StreamableHttp,
        }, http, ownsHttpClient: false);
        return await McpClient.CreateAsync(transport);
    }

    private static string Text(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true);
        return string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
    }
}
