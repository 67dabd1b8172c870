using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>The app configured with an OpenAI-compatible model (a fake one on loopback), through the real chat endpoint.</summary>
public sealed class ModelAgentTests : IClassFixture<ModelAgentTests.ModelApi>
{
    private readonly ModelApi app;

    public ModelAgentTests(ModelApi app)
    {
        // xunit makes a new instance per test: every test starts with an empty script and request log.
        this.app = app;
        app.Model.Reset();
    }

    [Fact]
    public async Task The_model_drives_a_tool_call_and_then_answers()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        app.Model.ThenCallTool("add_task", new { title = "buy milk", priority = "High", dueDate = "2030-03-01" });
        app.Model.ThenAnswer("Added 'buy milk' to your list.");

        var chat = await ChatTests.ChatAsync(client, new ChatRequest("please remember to buy milk, it's urgent"));

        chat.Reply.ShouldBe("Added 'buy milk' to your list.");
        var task = (await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.Single();
        (task.Title, task.Priority, task.DueDate).ShouldBe(("buy milk", TaskPriority.High, new DateOnly(2030, 3, 1)));
        chat.Actions.Single().ShouldBe(new ChatAction("add_task", $"added task {task.Id} 'buy milk'", task.Id));

        var requests = app.Model.Requests.ToArray();
        requests.Length.ShouldBe(2);
        requests[0]["model"]!.GetValue<string>().ShouldBe("fake-model");
        requests[0]["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>())
            .ShouldBe(["add_task", "list_tasks", "complete_task", "update_task", "delete_task"], ignoreOrder: true);
        var toolResult = requests[1]["messages"]!.AsArray().Last()!;
        toolResult["role"]!.GetValue<string>().ShouldBe("tool");
        toolResult["content"]!.ToJsonString().ShouldContain($"Added task {task.Id}");
    }

    [Fact]
    public async Task The_conversation_history_is_sent_to_the_model_on_the_next_turn()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        app.Model.ThenAnswer("Hello! What needs doing?");
        var first = await ChatTests.ChatAsync(client, new ChatRequest("hi there"));
        app.Model.Reset();
        app.Model.ThenAnswer("You said hi.");

        await ChatTests.ChatAsync(client, new ChatRequest("what did I say?", first.ConversationId));

        var sent = app.Model.Requests.Single()["messages"]!.AsArray()
            .Select(m => $"{m!["role"]!.GetValue<string>()}: {m["content"]?.ToJsonString()}").ToList();
        sent.ShouldContain(line => line.StartsWith("user:") && line.Contains("hi there"));
        sent.ShouldContain(line => line.StartsWith("assistant:") && line.Contains("Hello! What needs doing?"));
        sent.Last().ShouldContain("what did I say?");
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "API key")]
    [InlineData(HttpStatusCode.TooManyRequests, "rate-limiting")]
    [InlineData(HttpStatusCode.InternalServerError, "trouble")]
    public async Task Model_errors_become_a_clear_reply_not_a_500(HttpStatusCode status, string explanation)
    {
        var (client, _) = await app.Factory.SignUpAsync();
        app.Model.ThenFail(status, "scripted failure");

        var chat = await ChatTests.ChatAsync(client, new ChatRequest("add buy milk"));

        chat.Reply.ShouldContain(explanation);
        chat.Actions.ShouldBeEmpty();
        (await client.GetFromJsonAsync<List<ConversationMessage>>(ApiRoutes.ConversationMessages(chat.ConversationId)))!
            .Last().Content.ShouldBe(chat.Reply);
    }

    [Fact]
    public async Task A_model_that_does_not_answer_in_time_becomes_a_clear_reply()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        app.Model.ThenHang(TimeSpan.FromSeconds(20));

        var chat = await ChatTests.ChatAsync(client, new ChatRequest("add buy milk"));

        chat.Reply.ShouldContain("too long");
    }

    [Fact]
    public async Task A_failure_after_a_tool_call_still_reports_what_was_done()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        app.Model.ThenCallTool("add_task", new { title = "buy milk" });
        app.Model.ThenFail(HttpStatusCode.TooManyRequests, "slow down");

        var chat = await ChatTests.ChatAsync(client, new ChatRequest("add buy milk"));

        chat.Actions.Single().Tool.ShouldBe("add_task");
        chat.Reply.ShouldContain("added task");
    }

    [Theory]
    [InlineData("complete_task", "{\"id\":42}", "There is no task 42 on your list.")]
    [InlineData("add_task", "{\"title\":\"buy milk\",\"priority\":\"urgent-ish\"}", "priority must be low, medium or high.")]
    [InlineData("delete_task", "{\"id\":\"x\"}", "id must be a task number such as 3")]
    [InlineData("update_task", "{\"id\":1,\"dueDate\":\"next friday\"}", "dueDate must be a date written YYYY-MM-DD")]
    public async Task A_tool_call_with_a_bad_argument_sends_the_tools_error_back_to_the_model_and_the_user_is_told(
        string tool, string arguments, string error)
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var existing = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("pay rent"));
        app.Model.ThenCallTool(tool, JsonDocument.Parse(arguments).RootElement);
        app.Model.ThenAnswerFromToolResults(results => "Sorry, that didn't work: " + string.Join(" ", results));

        var chat = await ChatTests.ChatAsync(client, new ChatRequest("do the thing"));

        var requests = app.Model.Requests.ToArray();
        requests.Length.ShouldBe(2);
        var call = requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "assistant")!["tool_calls"]!.AsArray().Single()!;
        var result = requests[1]["messages"]!.AsArray().Last()!;
        result["role"]!.GetValue<string>().ShouldBe("tool");
        result["tool_call_id"]!.GetValue<string>().ShouldBe(call["id"]!.GetValue<string>());
        FakeOpenAiServer.ContentText(result["content"]).ShouldContain(error);
        chat.Reply.ShouldContain(error);
        chat.Actions.ShouldBeEmpty();
        (await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.ShouldBe([existing]);
    }

    public sealed class ModelApi : IAsyncLifetime
    {
        private readonly string path = Path.Combine(Path.GetTempPath(), $"todo-model-{Guid.NewGuid():N}.db");

        public FakeOpenAiServer Model { get; private set; } = null!;
        public TodoApiFactory Factory { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Model = await FakeOpenAiServer.StartAsync();
            Factory = TodoApiFactory.OnSqlite(path, new Dictionary<string, string?>
            {
                ["OPENAI_API_KEY"] = "sk-test",
                ["OPENAI_BASE_URL"] = Model.BaseUrl,
                ["OPENAI_MODEL"] = "fake-model",
                ["OPENAI_TIMEOUT_SECONDS"] = "2",
                ["OPENAI_MAX_RETRIES"] = "0",
            });
            using var _ = Factory.CreateClient();
        }

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
            await Model.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
