using System.Net.Http.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// Issue 18: what the five task tools do and answer, through the real MCP endpoint: which task a title picks (never a
/// guess when several match and deleting), the validation answers of add and update (nothing stored), and the sentences
/// a model reads back. Each refusal is an MCP tool error (isError) a model can act on.
/// </summary>
public sealed class TaskToolsSpecification(PostgresApi app) : IClassFixture<PostgresApi>
{
    [Fact]
    public async Task Deleting_by_a_title_that_several_tasks_match_asks_which_even_when_only_one_is_open()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;
        var done = await CreateAsync(http, "pay rent", completed: true);
        var open = await CreateAsync(http, "pay rent");

        var result = await CallAsync(mcp, "delete_task", new() { ["title"] = " pay rent " });

        Refusal(result).ShouldBe($"Several tasks match 'pay rent': {done.Id} 'pay rent'; {open.Id} 'pay rent'. Which one? Use its number.");
        (await TitlesAsync(http)).ShouldBe(["pay rent", "pay rent"]);
    }

    [Fact]
    public async Task Completing_by_a_title_that_one_open_and_some_done_tasks_match_completes_the_open_one()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;
        await CreateAsync(http, "water plants", completed: true);
        var open = await CreateAsync(http, "water plants");

        var result = await CallAsync(mcp, "complete_task", new() { ["title"] = "water plants" });

        Text(result).ShouldBe($"Completed task {open.Id} 'water plants'.");
        (await http.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(open.Id)))!.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task Updating_by_title_prefers_the_only_open_match_unless_it_reopens()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;
        var done = await CreateAsync(http, "call mum", completed: true);
        var open = await CreateAsync(http, "call mum");

        var rename = await CallAsync(mcp, "update_task", new() { ["title"] = "call mum", ["priority"] = "High" });
        var reopen = await CallAsync(mcp, "update_task", new() { ["title"] = "call mum", ["completed"] = false });

        Text(rename).ShouldBe($"Updated task {open.Id}: priority high.");
        Refusal(reopen).ShouldStartWith($"Several tasks match 'call mum': {done.Id} 'call mum'; {open.Id} 'call mum'.");
        (await http.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(done.Id)))!.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task A_title_matching_one_task_exactly_picks_it_over_tasks_that_merely_contain_it()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;
        await CreateAsync(http, "buy milk");
        var milk = await CreateAsync(http, "Milk");

        var result = await CallAsync(mcp, "delete_task", new() { ["title"] = "milk" });

        Text(result).ShouldBe($"Deleted task {milk.Id} 'Milk'.");
        (await TitlesAsync(http)).ShouldBe(["buy milk"]);
    }

    [Fact]
    public async Task A_title_matching_nothing_or_no_title_at_all_is_refused_with_what_to_say_instead()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;
        await CreateAsync(http, "buy milk");

        var unknown = await CallAsync(mcp, "delete_task", new() { ["title"] = "  walk dog " });
        var blank = await CallAsync(mcp, "complete_task", new() { ["title"] = " " });

        Refusal(unknown).ShouldBe("No task on your list matches 'walk dog'. Say 'list' to see your tasks.");
        Refusal(blank).ShouldBe("Which task? Give its number or words from its title.");
        (await TitlesAsync(http)).ShouldBe(["buy milk"]);
    }

    [Fact]
    public async Task Several_matches_are_listed_five_at_most()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;
        var tasks = new List<TaskItem>();
        for (var i = 1; i <= 6; i++)
        {
            tasks.Add(await CreateAsync(http, $"report {i}"));
        }

        var result = Refusal(await CallAsync(mcp, "delete_task", new() { ["title"] = "report" }));

        result.ShouldBe("Several tasks match 'report': " + string.Join("; ", tasks.Take(5).Select(t => $"{t.Id} '{t.Title}'")) + ". Which one? Use its number.");
        (await TitlesAsync(http)).Count.ShouldBe(6);
    }

    [Fact]
    public async Task Adding_a_task_that_breaks_a_rule_is_refused_with_the_rule_and_stores_nothing()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;

        var late = await CallAsync(mcp, "add_task", new() { ["title"] = "far future", ["dueDate"] = "2101-01-01" });
        var wordy = await CallAsync(mcp, "add_task", new() { ["title"] = "wordy", ["description"] = new string('d', TaskLimits.DescriptionMaxLength + 1) });

        Refusal(late).ShouldBe("Could not add the task: The due date must be between 2000-01-01 and 2100-12-31.");
        Refusal(wordy).ShouldBe("Could not add the task: The description must be at most 2000 characters long.");
        (await TitlesAsync(http)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Breaking_several_rules_at_once_is_refused_naming_every_rule()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;

        var result = await CallAsync(mcp, "add_task", new() { ["title"] = " ", ["dueDate"] = "1999-12-31" });

        Refusal(result).ShouldBe("Could not add the task: The title must be 1 to 200 characters long. The due date must be between 2000-01-01 and 2100-12-31.");
        (await TitlesAsync(http)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Renaming_a_task_to_the_title_it_already_has_says_nothing_changed()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;
        var task = await CreateAsync(http, "same name");

        var result = await CallAsync(mcp, "update_task", new() { ["id"] = task.Id, ["newTitle"] = "same name" });

        Text(result).ShouldBe($"Updated task {task.Id}: no change.");
    }

    [Fact]
    public async Task The_chat_reports_each_tool_call_as_an_action_a_person_can_read()
    {
        var (http, _) = await app.Factory.SignUpAsync();
        var conversation = (Guid?)null;
        async Task<ChatAction> ActAsync(string utterance)
        {
            var reply = await ChatTests.ChatAsync(http, new ChatRequest(utterance, conversation));
            conversation = reply.ConversationId;
            return reply.Actions.ShouldHaveSingleItem(reply.Reply);
        }

        var added = await ActAsync("add buy eggs");
        var id = added.TaskId;
        var listedOpen = await ActAsync("what's on my list?");
        var completed = await ActAsync($"complete {id}");
        var listedDone = await ActAsync("show completed");
        var reopened = await ActAsync($"reopen {id}");
        var renamed = await ActAsync($"rename {id} to buy duck eggs");
        await ActAsync("add buy bread");
        var listedAll = await ActAsync("show all");
        var deleted = await ActAsync("delete buy duck eggs");

        added.ShouldBe(new ChatAction("add_task", $"added task {id} 'buy eggs'", id));
        listedOpen.ShouldBe(new ChatAction("list_tasks", "listed 1 open task"));
        completed.ShouldBe(new ChatAction("complete_task", $"completed task {id} 'buy eggs'", id));
        listedDone.ShouldBe(new ChatAction("list_tasks", "listed 1 completed task"));
        reopened.ShouldBe(new ChatAction("update_task", $"updated task {id} 'buy eggs': reopened", id));
        renamed.ShouldBe(new ChatAction("update_task", $"updated task {id} 'buy duck eggs': renamed to 'buy duck eggs'", id));
        listedAll.ShouldBe(new ChatAction("list_tasks", "listed 2 tasks"));
        deleted.ShouldBe(new ChatAction("delete_task", $"deleted task {id} 'buy duck eggs'", id));
    }

    [Fact]
    public async Task Updating_a_task_so_it_breaks_a_rule_is_refused_with_the_rule_and_changes_nothing()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;
        var task = await CreateAsync(http, "tidy desk");

        var early = await CallAsync(mcp, "update_task", new() { ["id"] = task.Id, ["dueDate"] = "1999-12-31" });
        var blank = await CallAsync(mcp, "update_task", new() { ["id"] = task.Id, ["newTitle"] = "  " });

        Refusal(early).ShouldBe($"Could not update task {task.Id}: The due date must be between 2000-01-01 and 2100-12-31.");
        Refusal(blank).ShouldBe($"Could not update task {task.Id}: The title must be 1 to 200 characters long.");
        (await http.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(task.Id))).ShouldBe(task);
    }

    [Fact]
    public async Task An_update_answers_every_change_it_made()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;
        var task = await CreateAsync(http, "plan trip");

        var all = await CallAsync(mcp, "update_task", new()
        {
            ["id"] = task.Id, ["newTitle"] = "plan holiday", ["description"] = "by train", ["priority"] = "Low",
            ["dueDate"] = "2030-01-02", ["completed"] = true,
        });
        var reopened = await CallAsync(mcp, "update_task", new() { ["id"] = task.Id, ["completed"] = false, ["newTitle"] = "plan holiday" });

        Text(all).ShouldBe($"Updated task {task.Id}: renamed to 'plan holiday', description updated, priority low, due Wed 2030-01-02, marked done.");
        Text(reopened).ShouldBe($"Updated task {task.Id}: reopened.");
        var stored = await http.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(task.Id));
        (stored!.Title, stored.Description, stored.Priority, stored.DueDate, stored.IsCompleted)
            .ShouldBe(("plan holiday", "by train", TaskPriority.Low, new DateOnly(2030, 1, 2), false));
    }

    [Fact]
    public async Task Completing_a_done_task_says_so_and_leaves_it_done()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;
        var task = await CreateAsync(http, "file taxes", completed: true);

        var result = await CallAsync(mcp, "complete_task", new() { ["id"] = task.Id });

        Text(result).ShouldBe($"Task {task.Id} 'file taxes' was already done.");
        (await http.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(task.Id))).ShouldBe(task);
    }

    [Fact]
    public async Task Adding_answers_the_new_tasks_number_and_details()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;

        var plain = await CallAsync(mcp, "add_task", new() { ["title"] = "plain" });
        var detailed = await CallAsync(mcp, "add_task", new() { ["title"] = "detailed", ["priority"] = "Low", ["dueDate"] = "2030-01-02" });

        var stored = (await http.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!;
        Text(plain).ShouldBe($"Added task {stored[0].Id} 'plain'.");
        Text(detailed).ShouldBe($"Added task {stored[1].Id} 'detailed' (low priority, due Wed 2030-01-02).");
    }

    [Fact]
    public async Task Listing_counts_and_describes_tasks_by_status()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;
        var urgent = await CreateAsync(http, "urgent", priority: TaskPriority.High);
        var done = await CreateAsync(http, "done", completed: true);

        var open = Text(await CallAsync(mcp, "list_tasks", new()));
        var completed = Text(await CallAsync(mcp, "list_tasks", new() { ["status"] = "Completed" }));
        var all = Text(await CallAsync(mcp, "list_tasks", new() { ["status"] = "All" }));

        open.ShouldBe($"You have 1 open task:\n- {urgent.Id} 'urgent' (high priority)");
        completed.ShouldBe($"You have 1 completed task:\n- {done.Id} 'done'");
        all.ShouldBe($"You have 2 tasks:\n- {urgent.Id} 'urgent' (high priority)\n- {done.Id} 'done' (done)");
    }

    [Fact]
    public async Task An_empty_list_says_what_is_there_instead()
    {
        var (http, mcp) = await ConnectAsync();
        await using var _ = mcp;

        var nothingAtAll = Text(await CallAsync(mcp, "list_tasks", new() { ["status"] = "All" }));
        var nothingOpen = Text(await CallAsync(mcp, "list_tasks", new()));
        var nothingDone = Text(await CallAsync(mcp, "list_tasks", new() { ["status"] = "Completed" }));
        await CreateAsync(http, "done", completed: true);
        var onlyDone = Text(await CallAsync(mcp, "list_tasks", new() { ["status"] = "Open" }));

        nothingAtAll.ShouldBe("Your list is empty.");
        nothingOpen.ShouldBe("You have no open tasks. Nice work!");
        nothingDone.ShouldBe("You have no completed tasks yet.");
        onlyDone.ShouldBe("You have no open tasks — 1 completed. Say 'show completed' to see them.");
    }

    private async Task<(HttpClient Http, McpClient Mcp)> ConnectAsync()
    {
        var (http, _) = await app.Factory.SignUpAsync();
        return (http, await McpTests.ConnectAsync(app.Factory, http));
    }

    private static async Task<TaskItem> CreateAsync(HttpClient http, string title, bool completed = false, TaskPriority? priority = null)
    {
        var task = await TaskApiSpecification.CreateAsync(http, new CreateTaskRequest(title, Priority: priority));
        if (!completed)
        {
            return task;
        }

        using var response = await http.PatchAsJsonAsync(ApiRoutes.Task(task.Id), new UpdateTaskRequest(IsCompleted: true));
        return (await response.Content.ReadFromJsonAsync<TaskItem>())!;
    }

    private static async Task<List<string>> TitlesAsync(HttpClient http) =>
        [.. (await http.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.Select(t => t.Title)];

    private static ValueTask<CallToolResult> CallAsync(McpClient mcp, string tool, Dictionary<string, object?> arguments) =>
        mcp.CallToolAsync(tool, arguments);

    private static string Text(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, McpTests.Content(result));
        return McpTests.Content(result);
    }

    private static string Refusal(CallToolResult result)
    {
        result.IsError.ShouldBe(true, McpTests.Content(result));
        return McpTests.Content(result);
    }
}
