using System.Net;
using System.Net.Http.Json;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

[Collection(SharedSqliteApp.Name)]
public sealed class ChatTests(SqliteApi app)
{
    [Fact]
    public async Task A_conversation_keeps_its_messages_and_actions_in_order()
    {
        var (client, _) = await app.Factory.SignUpAsync();

        var first = await ChatAsync(client, new ChatRequest("add buy milk"));
        var second = await ChatAsync(client, new ChatRequest("what's on my list", first.ConversationId));

        second.ConversationId.ShouldBe(first.ConversationId);
        second.Reply.ShouldContain("buy milk");
        var conversations = await client.GetFromJsonAsync<List<ConversationSummary>>(ApiRoutes.Conversations);
        conversations!.Single().Title.ShouldBe("add buy milk");
        var messages = (await client.GetFromJsonAsync<List<ConversationMessage>>(ApiRoutes.ConversationMessages(first.ConversationId)))!;
        messages.Select(m => (m.Role, m.Content)).ShouldBe(
        [
            ("user", "add buy milk"), ("assistant", first.Reply), ("user", "what's on my list"), ("assistant", second.Reply),
        ]);
        messages[1].Actions.Single().ShouldBe(first.Actions.Single());
        first.Actions.Single().Summary.ShouldBe($"added task {first.Actions.Single().TaskId} 'buy milk'");
    }

    [Fact]
    public async Task Another_users_tasks_and_conversations_are_out_of_reach_of_chat()
    {
        var (alice, _) = await app.Factory.SignUpAsync("alice");
        var (bob, _) = await app.Factory.SignUpAsync("bob");
        var secret = await TaskApiSpecification.CreateAsync(alice, new CreateTaskRequest("alice's secret"));
        var aliceChat = await ChatAsync(alice, new ChatRequest("what's on my list"));

        var complete = await ChatAsync(bob, new ChatRequest($"complete {secret.Id}"));
        var rename = await ChatAsync(bob, new ChatRequest($"rename {secret.Id} to hacked"));
        var delete = await ChatAsync(bob, new ChatRequest("delete alice's secret"));
        var list = await ChatAsync(bob, new ChatRequest("show all"));

        foreach (var reply in new[] { complete, rename, delete })
        {
            reply.Actions.ShouldBeEmpty(reply.Reply);
        }

        list.Reply.ShouldNotContain("secret");
        (await alice.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(secret.Id))).ShouldBe(secret);
        await (await bob.GetAsync(ApiRoutes.ConversationMessages(aliceChat.ConversationId))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await bob.PostAsJsonAsync(ApiRoutes.Chat, new ChatRequest("list", aliceChat.ConversationId))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await bob.GetFromJsonAsync<List<ConversationSummary>>(ApiRoutes.Conversations))!.ShouldNotContain(c => c.Id == aliceChat.ConversationId);
    }

    [Fact]
    public async Task Asking_for_the_list_with_nothing_open_mentions_the_completed_tasks_and_how_to_see_them()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var chat = await ChatAsync(client, new ChatRequest("add buy milk"));
        await ChatAsync(client, new ChatRequest("complete buy milk", chat.ConversationId));

        var list = await ChatAsync(client, new ChatRequest("what's on my list", chat.ConversationId));
        var completed = await ChatAsync(client, new ChatRequest("show completed", chat.ConversationId));

        list.Reply.ShouldBe("You have no open tasks — 1 completed. Say 'show completed' to see them.");
        completed.Reply.ShouldContain("buy milk");
    }

    public static async Task<ChatResponse> ChatAsync(HttpClient client, ChatRequest request)
    {
        using var response = await client.PostAsJsonAsync(ApiRoutes.Chat, request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ChatResponse>())!;
    }
}
