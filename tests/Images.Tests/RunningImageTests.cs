using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Images;
using Todo.Contracts;
using Xunit.Abstractions;

namespace Images.Tests;

/// <summary>Each built image, started as a container with nothing but its own defaults (ports on 127.0.0.1).</summary>
public sealed class RunningImageTests(ITestOutputHelper output) : IAsyncLifetime
{
    static readonly HttpClient Http = new() { Timeout = BuiltImages.RequestBudget };
    readonly List<string> _containers = [];

    public static TheoryData<string> Images => [.. ImageCatalog.All.Select(i => i.Name)];

    async Task<(string Container, Uri Address)> StartAsync(string name)
    {
        var image = ImageCatalog.All.Single(i => i.Name == name);
        var built = BuiltImages.Manifest[name];
        var container = await BuiltImages.Docker.StartContainerAsync(built.Reference, image.Port, image.StandaloneSettings, CancellationToken.None);
        _containers.Add(container);
        var port = await BuiltImages.Docker.PublishedPortAsync(container, image.Port, CancellationToken.None);
        return (container, new Uri($"http://127.0.0.1:{port}"));
    }

    static async Task<TimeSpan> WaitUntilLiveAsync(string container, Uri address)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < BuiltImages.StartBudget)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(address, ApiRoutes.HealthLive));
                if (response.StatusCode == HttpStatusCode.OK)
                    return stopwatch.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(50);
        }

        Assert.Fail($"no 200 from {ApiRoutes.HealthLive} within {BuiltImages.StartBudget.TotalSeconds} s. Container log:\n{await BuiltImages.Docker.LogsAsync(container, CancellationToken.None)}");
        return stopwatch.Elapsed;
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task The_container_answers_health_live_soon_after_it_starts(string name)
    {
        var (container, address) = await StartAsync(name);

        var elapsed = await WaitUntilLiveAsync(container, address);

        output.WriteLine($"{name}: /health/live answered 200 after {elapsed.TotalSeconds:0.00} s");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task The_app_runs_as_uid_1654_never_root(string name)
    {
        var (container, address) = await StartAsync(name);
        await WaitUntilLiveAsync(container, address);

        var uids = await BuiltImages.Docker.ProcessUserIdsAsync(container, CancellationToken.None);

        Assert.NotEmpty(uids);
        Assert.All(uids, uid => Assert.Equal("1654", uid));
        Assert.Equal("1654", (await BuiltImages.Docker.InspectImageAsync(BuiltImages.Manifest[name].Reference, CancellationToken.None))!.User);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task There_is_no_shell_or_package_manager_to_run(string name)
    {
        var (container, address) = await StartAsync(name);
        await WaitUntilLiveAsync(container, address);

        foreach (var program in new[] { "/bin/sh", "/bin/bash", "/usr/bin/apt-get", "/usr/bin/dpkg" })
        {
            var result = await BuiltImages.Docker.ExecAsync(container, [program, "-c", "true"], CancellationToken.None);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("no such file or directory", result.StandardOutput + result.StandardError, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_backend_image_serves_a_real_request_signing_up_and_creating_a_task()
    {
        var (container, address) = await StartAsync(ImageCatalog.Backend.Name);
        await WaitUntilLiveAsync(container, address);

        using var signUp = await Http.PostAsJsonAsync(new Uri(address, ApiRoutes.SignUp), new SignUpRequest("image-test@example.com", "Correct-Horse-Battery-9"));
        Assert.True(signUp.IsSuccessStatusCode, $"sign-up answered {(int)signUp.StatusCode}: {await signUp.Content.ReadAsStringAsync()}");
        var auth = await signUp.Content.ReadFromJsonAsync<AuthResponse>();
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(address, ApiRoutes.Tasks)) { Content = JsonContent.Create(new { title = "ship the image" }) };
        create.Headers.Authorization = new("Bearer", auth!.AccessToken);
        using var created = await Http.SendAsync(create);

        Assert.True(created.IsSuccessStatusCode, $"creating a task answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        Assert.Contains("ship the image", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The trimmed backend's reflection-heavy paths: the chat agent binding a tool call through
    /// Microsoft.Extensions.AI, and an MCP client listing and calling a tool (Streamable HTTP, JSON-RPC 2.0, as the
    /// MCP specification's transport section describes: POST, Accept both JSON and an event stream). Both fail at run
    /// time, not at build time, when the tools' JSON metadata or EF Core's reflection targets were trimmed away.</summary>
    [Fact]
    public async Task The_backend_image_adds_a_task_through_the_chat_agent_and_through_an_MCP_tool_call()
    {
        var (container, address) = await StartAsync(ImageCatalog.Backend.Name);
        await WaitUntilLiveAsync(container, address);
        using var signUp = await Http.PostAsJsonAsync(new Uri(address, ApiRoutes.SignUp), new SignUpRequest("image-mcp@example.com", "Correct-Horse-Battery-9"));
        Assert.True(signUp.IsSuccessStatusCode, $"sign-up answered {(int)signUp.StatusCode}: {await signUp.Content.ReadAsStringAsync()}");
        var token = (await signUp.Content.ReadFromJsonAsync<AuthResponse>())!.AccessToken;

        using var chat = new HttpRequestMessage(HttpMethod.Post, new Uri(address, ApiRoutes.Chat))
        {
            Content = JsonContent.Create(new ChatRequest("add water the plants tomorrow high priority")),
        };
        chat.Headers.Authorization = new("Bearer", token);
        using var chatAnswer = await Http.SendAsync(chat);
        var chatBody = await chatAnswer.Content.ReadAsStringAsync();
        Assert.True(chatAnswer.IsSuccessStatusCode, $"chat answered {(int)chatAnswer.StatusCode}: {chatBody}");
        Assert.Contains("\"tool\":\"add_task\"", chatBody, StringComparison.Ordinal);
        Assert.Contains("high priority", chatBody, StringComparison.Ordinal);

        var tools = await McpAsync(address, token, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");
        Assert.Contains("\"update_task\"", tools, StringComparison.Ordinal);
        var call = await McpAsync(address, token,
            """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"add_task","arguments":{"title":"via MCP","priority":"low","dueDate":"2026-12-24"}}}""");
        Assert.Contains("Added task 2 'via MCP' (low priority, due Thu 2026-12-24)", call.Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\"isError\":true", call, StringComparison.Ordinal);

        var listed = await McpAsync(address, token,
            """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_tasks","arguments":{"status":"all"}}}""");
        Assert.Contains("You have 2 tasks", listed, StringComparison.Ordinal);
        var logs = await BuiltImages.Docker.LogsAsync(container, CancellationToken.None);
        Assert.DoesNotContain("\"LogLevel\":\"Error\"", logs, StringComparison.Ordinal);
    }

    static async Task<string> McpAsync(Uri address, string token, string jsonRpc)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, ApiRoutes.Mcp))
        {
            Content = new StringContent(jsonRpc, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"MCP {jsonRpc} answered {(int)response.StatusCode}: {body}");
        Assert.Contains("\"result\"", body, StringComparison.Ordinal);
        return body;
    }

    [Fact]
    public async Task The_frontend_image_serves_the_browser_app()
    {
        var (container, address) = await StartAsync(ImageCatalog.Frontend.Name);
        await WaitUntilLiveAsync(container, address);

        using var page = await Http.GetAsync(address);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("_framework/blazor.webassembly", html, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var container in _containers)
            await BuiltImages.Docker.RemoveContainerAsync(container, CancellationToken.None);
    }
}
