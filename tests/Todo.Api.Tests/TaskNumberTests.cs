using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Todo.Api.Data;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Testing;

namespace Todo.Api.Tests;

/// <summary>
/// Each user numbers their own tasks 1, 2, 3…: the number is the task's id in the REST API, the chat and the MCP
/// tools, so nothing a user sees reveals how many tasks other people have.
/// </summary>
public sealed class TaskNumberTests : IAsyncLifetime
{
    private PostgresDatabase database = null!;
    private TodoApiFactory first = null!;
    private TodoApiFactory second = null!;

    public async Task InitializeAsync()
    {
        database = await SharedPostgres.CreateDatabaseAsync();
        first = TodoApiFactory.OnPostgres(database.Url);
        second = TodoApiFactory.OnPostgres(database.Url);
        using var _ = first.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task A_new_users_first_task_is_number_1_in_the_api_the_chat_and_mcp()
    {
        var (veteran, _) = await first.SignUpAsync("veteran");
        for (var i = 0; i < 5; i++)
        {
            await TaskApiSpecification.CreateAsync(veteran, new CreateTaskRequest($"old task {i}"));
        }

        var (newcomer, _) = await first.SignUpAsync("newcomer");
        var viaApi = await TaskApiSpecification.CreateAsync(newcomer, new CreateTaskRequest("buy milk"));
        var viaChat = await ChatAsync(newcomer, "add call mom");
        await using var mcp = await ConnectAsync(first, newcomer);
        var viaMcp = await mcp.CallToolAsync("add_task", new Dictionary<string, object?> { ["title"] = "pay rent" });
        var listed = await mcp.CallToolAsync("list_tasks", new Dictionary<string, object?> { ["status"] = "All" });

        viaApi.Id.ShouldBe(1);
        viaChat.Actions.Single().TaskId.ShouldBe(2);
        viaChat.Reply.ShouldContain("2 'call mom'");
        Text(viaMcp).ShouldBe("Added task 3 'pay rent'.");
        Text(listed).ShouldContain("- 1 'buy milk'");
        (await newcomer.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(1)))!.Title.ShouldBe("buy milk");
        (await newcomer.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.Select(t => t.Id).ShouldBe([1, 2, 3]);
        (await veteran.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(1)))!.Title.ShouldBe("old task 0");
    }

    [Fact]
    public async Task Two_users_task_1_are_different_tasks_and_changing_one_leaves_the_other()
    {
        var (alice, _) = await first.SignUpAsync("alice");
        var (bob, _) = await first.SignUpAsync("bob");
        var hers = await TaskApiSpecification.CreateAsync(alice, new CreateTaskRequest("alice's task"));
        var his = await TaskApiSpecification.CreateAsync(bob, new CreateTaskRequest("bob's task"));

        (await bob.PatchAsJsonAsync(ApiRoutes.Task(1), new UpdateTaskRequest(Title: "renamed by bob"))).EnsureSuccessStatusCode();
        var chat = await ChatAsync(bob, "delete 1");

        (hers.Id, his.Id).ShouldBe((1, 1));
        chat.Actions.Single().Summary.ShouldContain("renamed by bob");
        (await alice.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(1)))!.Title.ShouldBe("alice's task");
        (await bob.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task Tasks_added_at_once_through_two_replicas_get_distinct_consecutive_numbers()
    {
        var (client, auth) = await first.SignUpAsync();
        using var other = second.CreateClient();
        other.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;

        var created = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            TaskApiSpecification.CreateAsync(i % 2 == 0 ? client : other, new CreateTaskRequest($"task {i}"))));

        created.Select(t => t.Id).Order().ShouldBe(Enumerable.Range(1, 24), auth.User.Email);
    }

    [Fact]
    public async Task A_deleted_tasks_number_is_never_given_to_a_new_task()
    {
        var (client, _) = await first.SignUpAsync();
        await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("first"));
        var last = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("second"));
        (await client.DeleteAsync(ApiRoutes.Task(last.Id))).EnsureSuccessStatusCode();

        var next = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("third"));

        next.Id.ShouldBe(3);
        (await client.GetAsync(ApiRoutes.Task(2))).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_migration_numbers_existing_tasks_per_user_in_the_order_they_were_added()
    {
        var old = await SharedPostgres.CreateDatabaseAsync();
        var options = new DbContextOptionsBuilder<PostgresTodoDbContext>().UseNpgsql(old.ConnectionString).Options;
        await using (var db = new PostgresTodoDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("Initial");
            // Rows as the previous version wrote them: global ids, interleaved between two users.
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO users ("Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash", "CreatedAt") VALUES
                    ('00000000-0000-0000-0000-00000000000a', 'a@x.org', 'A@X.ORG', 'a', '', now()),
                    ('00000000-0000-0000-0000-00000000000b', 'b@x.org', 'B@X.ORG', 'b', '', now());
                INSERT INTO tasks ("Id", "UserId", "Title", "IsCompleted", "Priority", "CreatedAt", "UpdatedAt") VALUES
                    (40, '00000000-0000-0000-0000-00000000000a', 'a1', false, 'Medium', now(), now()),
                    (41, '00000000-0000-0000-0000-00000000000b', 'b1', false, 'Medium', now(), now()),
                    (43, '00000000-0000-0000-0000-00000000000a', 'a2', false, 'Medium', now(), now()),
                    (48, '00000000-0000-0000-0000-00000000000a', 'a3', false, 'Medium', now(), now());
                """);
            await db.Database.MigrateAsync();
        }

        await using var migrated = new PostgresTodoDbContext(options);
        var numbers = await migrated.Tasks.OrderBy(t => t.Id).Select(t => new { t.Title, t.Number }).ToListAsync();
        var counters = await migrated.Users.OrderBy(u => u.Email).Select(u => u.LastTaskNumber).ToListAsync();

        numbers.Select(n => $"{n.Title}={n.Number}").ShouldBe(["a1=1", "b1=1", "a2=2", "a3=3"]);
        counters.ShouldBe([3, 1]);
    }

    private static async Task<ChatResponse> ChatAsync(HttpClient client, string message)
    {
        using var response = await client.PostAsJsonAsync(ApiRoutes.Chat, new ChatRequest(message));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ChatResponse>())!;
    }

    private static async Task<McpClient> ConnectAsync(TodoApiFactory factory, HttpClient http) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(factory.Server.BaseAddress, ApiRoutes.Mcp),
            TransportMode = HttpTransportMode.StreamableHttp,
        }, http, ownsHttpClient: false));

    private static string Text(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true);
        return string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
    }
}
