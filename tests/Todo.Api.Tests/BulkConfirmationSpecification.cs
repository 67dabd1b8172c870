using System.Net.Http.Json;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>"Delete everything" / "complete all" through the real chat endpoint: asked first, done only on a yes.</summary>
public abstract class BulkConfirmationSpecification(ApiFixture app)
{
    [Fact]
    public async Task Asking_to_delete_everything_changes_nothing_and_names_how_many_tasks_it_would_delete()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var before = await SeedAsync(client, "buy milk", "pay rent", "call mom", "water the plants");

        var ask = await ChatTests.ChatAsync(client, new ChatRequest("delete everything"));

        ask.Reply.ShouldBe("This would delete all 4 of your tasks. Reply 'yes' to go ahead, anything else cancels.");
        ask.Actions.ShouldBeEmpty();
        (await AllAsync(client)).ShouldBe(before);
    }

    [Fact]
    public async Task A_yes_as_the_next_message_deletes_them()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        await SeedAsync(client, "buy milk", "pay rent", "call mom");
        var ask = await ChatTests.ChatAsync(client, new ChatRequest("clear my list"));

        var yes = await ChatTests.ChatAsync(client, new ChatRequest("yes, delete them", ask.ConversationId));

        (await AllAsync(client)).ShouldBeEmpty();
        yes.Actions.Select(a => (a.Tool, a.TaskId)).ShouldBe([("delete_task", 1), ("delete_task", 2), ("delete_task", 3)]);
        yes.Reply.ShouldContain("deleted task 3 'call mom'");
    }

    [Fact]
    public async Task Complete_all_asks_about_the_open_tasks_and_a_yes_marks_exactly_those_done()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        await SeedAsync(client, "buy milk", "pay rent", "call mom");
        await ChatTests.ChatAsync(client, new ChatRequest("complete 2"));
        var ask = await ChatTests.ChatAsync(client, new ChatRequest("complete all"));

        await ChatTests.ChatAsync(client, new ChatRequest("go ahead", ask.ConversationId));

        ask.Reply.ShouldBe("This would mark all 2 of your open tasks as done. Reply 'yes' to go ahead, anything else cancels.");
        (await AllAsync(client)).ShouldAllBe(t => t.IsCompleted);
    }

    [Fact]
    public async Task Any_other_message_cancels_and_is_then_handled_as_usual()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var before = await SeedAsync(client, "buy milk", "pay rent");
        var ask = await ChatTests.ChatAsync(client, new ChatRequest("delete all my tasks"));

        var other = await ChatTests.ChatAsync(client, new ChatRequest("what's on my list", ask.ConversationId));
        var lateYes = await ChatTests.ChatAsync(client, new ChatRequest("yes", ask.ConversationId));

        other.Reply.ShouldStartWith("Okay, I haven't deleted anything.");
        other.Reply.ShouldContain("buy milk");
        other.Actions.Single().Tool.ShouldBe("list_tasks");
        lateYes.Actions.ShouldBeEmpty();
        (await AllAsync(client)).ShouldBe(before);
    }

    [Fact]
    public async Task A_no_cancels_without_doing_anything_else()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var before = await SeedAsync(client, "buy milk", "pay rent");
        var ask = await ChatTests.ChatAsync(client, new ChatRequest("wipe everything"));

        var no = await ChatTests.ChatAsync(client, new ChatRequest("no", ask.ConversationId));

        no.Reply.ShouldBe("Okay, I haven't deleted anything.");
        (await AllAsync(client)).ShouldBe(before);
    }

    [Fact]
    public async Task A_yes_in_another_conversation_does_nothing()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var before = await SeedAsync(client, "buy milk", "pay rent");
        await ChatTests.ChatAsync(client, new ChatRequest("delete everything"));

        var elsewhere = await ChatTests.ChatAsync(client, new ChatRequest("yes"));

        elsewhere.Actions.ShouldBeEmpty();
        elsewhere.Reply.ShouldContain("nothing waiting for a yes");
        (await AllAsync(client)).ShouldBe(before);
    }

    [Fact]
    public async Task A_task_added_between_the_question_and_the_yes_survives()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        await SeedAsync(client, "buy milk", "pay rent");
        var ask = await ChatTests.ChatAsync(client, new ChatRequest("delete everything"));
        var added = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("added meanwhile"));

        await ChatTests.ChatAsync(client, new ChatRequest("yes", ask.ConversationId));

        (await AllAsync(client)).ShouldBe([added]);
    }

    internal static async Task<List<TaskItem>> SeedAsync(HttpClient client, params string[] titles)
    {
        foreach (var title in titles)
        {
            await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest(title));
        }

        return await AllAsync(client);
    }

    internal static async Task<List<TaskItem>> AllAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks + "?status=all"))!;
}

[Collection(SharedSqliteApp.Name)]
public sealed class Bulk_confirmation_on_sqlite(SqliteApi app) : BulkConfirmationSpecification(app);

public sealed class Bulk_confirmation_on_postgres(PostgresApi app) : BulkConfirmationSpecification(app), IClassFixture<PostgresApi>;
