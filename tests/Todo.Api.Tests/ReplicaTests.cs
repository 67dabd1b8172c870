using System.Net.Http.Headers;
using System.Net.Http.Json;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>Two app instances on one PostgreSQL database, as two replicas behind a load balancer.</summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private TodoApiFactory first = null!;
    private TodoApiFactory second = null!;

    public async Task InitializeAsync()
    {
        var database = await SharedPostgres.CreateDatabaseAsync();
        first = TodoApiFactory.OnPostgres(database.Url);
        second = TodoApiFactory.OnPostgres(database.Url);
        // Both start at once against the empty database: migrations and the shared signing key must not collide.
        await Task.WhenAll(Task.Run(() => first.CreateClient().Dispose()), Task.Run(() => second.CreateClient().Dispose()));
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task A_token_issued_by_one_replica_is_accepted_by_the_other()
    {
        var (onFirst, auth) = await first.SignUpAsync();
        var task = await TaskApiSpecification.CreateAsync(onFirst, new CreateTaskRequest("made on the first replica"));
        using var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);

        (await onSecond.GetFromJsonAsync<UserProfile>(ApiRoutes.Me)).ShouldBe(auth.User);
        (await onSecond.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(task.Id))).ShouldBe(task);
    }

    [Fact]
    public async Task A_conversation_started_on_one_replica_continues_on_the_other()
    {
        var (onFirst, auth) = await first.SignUpAsync();
        using var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);

        var started = await ChatTests.ChatAsync(onFirst, new ChatRequest("add buy milk"));
        var continued = await ChatTests.ChatAsync(onSecond, new ChatRequest("mark buy milk as done", started.ConversationId));

        continued.ConversationId.ShouldBe(started.ConversationId);
        continued.Actions.Single().Tool.ShouldBe("complete_task");
        var messages = (await onFirst.GetFromJsonAsync<List<ConversationMessage>>(ApiRoutes.ConversationMessages(started.ConversationId)))!;
        messages.Select(m => m.Content).ShouldBe(["add buy milk", started.Reply, "mark buy milk as done", continued.Reply]);
    }

    [Fact]
    public async Task A_bulk_delete_asked_on_one_replica_is_confirmed_on_the_other()
    {
        var (onFirst, auth) = await first.SignUpAsync();
        using var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);
        await BulkConfirmationSpecification.SeedAsync(onFirst, "buy milk", "pay rent");

        var ask = await ChatTests.ChatAsync(onFirst, new ChatRequest("delete everything"));
        var yes = await ChatTests.ChatAsync(onSecond, new ChatRequest("yes", ask.ConversationId));

        ask.Reply.ShouldContain("all 2 of your tasks");
        yes.Actions.Count.ShouldBe(2);
        (await BulkConfirmationSpecification.AllAsync(onFirst)).ShouldBeEmpty();
    }
}
