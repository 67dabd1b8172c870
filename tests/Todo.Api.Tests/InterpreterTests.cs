using System.Net.Http.Json;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// The built-in interpreter through the real chat endpoint: utterance → the tools it called → the resulting list.
/// Every row starts from the same list: 1 "buy milk", 2 "call mom" (low), 3 "pay rent" (done), 4 "buy bread".
/// </summary>
[Collection(SharedSqliteApp.Name)]
public sealed class InterpreterTests(SqliteApi app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static readonly TheoryData<string, string[], string> Utterances = new()
    {
        // utterance, tools called, the list afterwards: "title[ done][ priority][ due]" per task, "|"-separated
        { "add buy eggs", ["add_task"], "buy milk|call mom low|pay rent done|buy bread|buy eggs" },
        { "Add a task: water the plants", ["add_task"], "buy milk|call mom low|pay rent done|buy bread|water the plants" },
        { "add 'call the bank' due friday high priority", ["add_task"], $"buy milk|call mom low|pay rent done|buy bread|call the bank high {Next(DayOfWeek.Friday):yyyy-MM-dd}" },
        { "remind me to renew passport by tomorrow", ["add_task"], $"buy milk|call mom low|pay rent done|buy bread|renew passport {Today.AddDays(1):yyyy-MM-dd}" },
        { "add file taxes, priority low, due 2031-04-15", ["add_task"], "buy milk|call mom low|pay rent done|buy bread|file taxes low 2031-04-15" },
        { "what's on my list?", ["list_tasks"], "buy milk|call mom low|pay rent done|buy bread" },
        { "show completed", ["list_tasks"], "buy milk|call mom low|pay rent done|buy bread" },
        { "complete {2}", ["complete_task"], "buy milk|call mom done low|pay rent done|buy bread" },
        { "done with task {1}", ["complete_task"], "buy milk done|call mom low|pay rent done|buy bread" },
        { "mark buy milk as done", ["complete_task"], "buy milk done|call mom low|pay rent done|buy bread" },
        { "Mark call mom done.", ["complete_task"], "buy milk|call mom done low|pay rent done|buy bread" },
        { "mark pay rent as not done", ["update_task"], "buy milk|call mom low|pay rent|buy bread" },
        { "reopen {3}", ["update_task"], "buy milk|call mom low|pay rent|buy bread" },
        { "rename {1} to buy oat milk", ["update_task"], "buy oat milk|call mom low|pay rent done|buy bread" },
        { "rename call mom to 'call mom and dad'", ["update_task"], "buy milk|call mom and dad low|pay rent done|buy bread" },
        { "make {2} high priority", ["update_task"], "buy milk|call mom high|pay rent done|buy bread" },
        { "move buy bread to 2030-01-01", ["update_task"], "buy milk|call mom low|pay rent done|buy bread 2030-01-01" },
        { "delete buy milk", ["delete_task"], "call mom low|pay rent done|buy bread" },
        { "remove task {4}", ["delete_task"], "buy milk|call mom low|pay rent done" },
        // Ambiguous, unknown or unclear: a helpful reply, nothing changes.
        { "delete buy", [], "buy milk|call mom low|pay rent done|buy bread" },
        { "complete 999999", [], "buy milk|call mom low|pay rent done|buy bread" },
        { "complete walk the dog", [], "buy milk|call mom low|pay rent done|buy bread" },
        { "help", [], "buy milk|call mom low|pay rent done|buy bread" },
        { "the weather is nice today", [], "buy milk|call mom low|pay rent done|buy bread" },
        { "add", [], "buy milk|call mom low|pay rent done|buy bread" },
    };

    [Theory]
    [MemberData(nameof(Utterances))]
    public async Task An_utterance_calls_the_expected_tools_and_leaves_the_expected_list(string utterance, string[] tools, string expected)
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var ids = new List<int>();
        foreach (var (title, priority) in new[] { ("buy milk", TaskPriority.Medium), ("call mom", TaskPriority.Low), ("pay rent", TaskPriority.Medium), ("buy bread", TaskPriority.Medium) })
        {
            ids.Add((await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest(title, Priority: priority))).Id);
        }

        (await client.PatchAsJsonAsync(ApiRoutes.Task(ids[2]), new UpdateTaskRequest(IsCompleted: true))).EnsureSuccessStatusCode();
        for (var i = 0; i < ids.Count; i++)
        {
            utterance = utterance.Replace($"{{{i + 1}}}", ids[i].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        using var response = await client.PostAsJsonAsync(ApiRoutes.Chat, new ChatRequest(utterance));
        response.EnsureSuccessStatusCode();
        var chat = (await response.Content.ReadFromJsonAsync<ChatResponse>())!;

        chat.Actions.Select(a => a.Tool).ShouldBe(tools, chat.Reply);
        chat.Reply.ShouldNotBeNullOrWhiteSpace();
        var list = (await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!;
        string.Join("|", list.Select(Describe)).ShouldBe(expected, chat.Reply);
    }

    [Fact]
    public async Task Help_and_unknown_input_get_guidance_instead_of_errors()
    {
        var (client, _) = await app.Factory.SignUpAsync();

        var help = await ChatAsync(client, "help");
        var unknown = await ChatAsync(client, "¿qué tal? 🙂");

        help.Reply.ShouldContain("add buy milk");
        unknown.Reply.ShouldContain("help");
        unknown.Actions.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_title_matching_several_tasks_asks_which_one()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var milk = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("buy milk"));
        var bread = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("buy bread"));

        var reply = await ChatAsync(client, "complete buy");

        reply.Actions.ShouldBeEmpty();
        reply.Reply.ShouldContain($"{milk.Id} 'buy milk'");
        reply.Reply.ShouldContain($"{bread.Id} 'buy bread'");
    }

    private static async Task<ChatResponse> ChatAsync(HttpClient client, string message)
    {
        using var response = await client.PostAsJsonAsync(ApiRoutes.Chat, new ChatRequest(message));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ChatResponse>())!;
    }

    private static string Describe(TaskItem task) => string.Join(' ', new[]
    {
        task.Title,
        task.IsCompleted ? "done" : null,
        task.Priority == TaskPriority.Medium ? null : task.Priority.ToString().ToLowerInvariant(),
        task.DueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    }.Where(part => part is not null));

    private static DateOnly Next(DayOfWeek day) => Today.AddDays(((int)day - (int)Today.DayOfWeek + 7) % 7);
}
