using System.Net;
using Bunit;
using Shouldly;
using Todo.Contracts;
using Todo.Web.Client.Components;
using Xunit;

namespace Todo.Web.Tests.Components;

public sealed class ChatPanelTests : ComponentTest
{
    private static readonly Guid Conversation = Guid.Parse("22222222-2222-2222-2222-222222222222");

    [Fact]
    public void A_sent_message_shows_the_reply_with_the_actions_under_it_and_tells_the_task_list()
    {
        Transport.OnJson(HttpMethod.Post, ApiRoutes.Chat,
            new ChatResponse(Conversation, "Added “buy milk” to your list.", [new ChatAction("add_task", "added task 1 'buy milk'", 1)]),
            Json.ChatResponse);
        var acted = 0;
        var chat = Render<ChatPanel>(parameters => parameters.Add(p => p.OnActed, () => acted++));

        chat.Find("#composer-input").Input("add buy milk");
        chat.Find("form.composer").Submit();

        chat.WaitForAssertion(() => chat.FindAll("article.message").Count.ShouldBe(2));
        chat.Find("article.message.user .bubble").TextContent.ShouldBe("add buy milk");
        chat.Find("article.message.assistant .bubble").TextContent.ShouldBe("Added “buy milk” to your list.");
        chat.Find("article.message.assistant .action").TextContent.ShouldContain("added task 1 'buy milk'");
        acted.ShouldBe(1);
        chat.Find("#composer-input").GetAttribute("value").ShouldBeEmpty();
        Transport.Sent.ShouldHaveSingleItem().Body.ShouldBe("""{"message":"add buy milk","conversationId":null}""");
    }

    [Fact]
    public void The_next_message_continues_the_same_conversation()
    {
        Transport.OnJson(HttpMethod.Post, ApiRoutes.Chat, new ChatResponse(Conversation, "Done.", []), Json.ChatResponse);
        var chat = Render<ChatPanel>();

        chat.Find("#composer-input").Input("add buy milk");
        chat.Find("form.composer").Submit();
        chat.WaitForAssertion(() => chat.FindAll("article.message").Count.ShouldBe(2));
        chat.Find("#composer-input").Input("what's on my list");
        chat.Find("form.composer").Submit();

        chat.WaitForAssertion(() => Transport.Sent.Count.ShouldBe(2));
        Transport.Sent[1].Body!.ShouldContain($"\"conversationId\":\"{Conversation}\"");
    }

    [Fact]
    public void When_the_backend_is_down_the_panel_says_so_and_keeps_what_was_typed()
    {
        Transport.OnProblem(HttpMethod.Post, ApiRoutes.Chat, HttpStatusCode.BadGateway, """{"title":"Bad Gateway","status":502}""");
        var chat = Render<ChatPanel>();

        chat.Find("#composer-input").Input("add buy milk");
        chat.Find("form.composer").Submit();

        chat.WaitForAssertion(() => chat.Find("[role=alert]").TextContent.ShouldContain("can't be reached"));
        chat.Find("#composer-input").GetAttribute("value").ShouldBe("add buy milk");
        chat.FindAll("article.message").ShouldBeEmpty();
    }

    [Fact]
    public void An_expired_session_sends_the_user_back_to_sign_in_with_the_reason()
    {
        Transport.OnProblem(HttpMethod.Post, ApiRoutes.Chat, HttpStatusCode.Unauthorized, """{"title":"Unauthorized","status":401}""");
        var chat = Render<ChatPanel>();

        chat.Find("#composer-input").Input("add buy milk");
        chat.Find("form.composer").Submit();

        chat.WaitForAssertion(() => Session.User.ShouldBeNull());
        Session.SignedOutReason.ShouldBe("Your session has expired. Please sign in again.");
    }

    [Fact]
    public void A_suggestion_is_sent_with_one_click_from_the_empty_state()
    {
        Transport.OnJson(HttpMethod.Post, ApiRoutes.Chat, new ChatResponse(Conversation, "Here is what I can do…", []), Json.ChatResponse);
        var chat = Render<ChatPanel>();

        chat.FindAll("button.chip").Single(chip => chip.TextContent == "help").Click();

        chat.WaitForAssertion(() => chat.Find("article.message.assistant .bubble").TextContent.ShouldBe("Here is what I can do…"));
    }

    [Fact]
    public void History_lists_past_conversations_and_opens_one_with_its_messages()
    {
        var when = DateTimeOffset.UtcNow.AddHours(-3);
        Transport.OnJson(HttpMethod.Get, ApiRoutes.Conversations,
            [new ConversationSummary(Conversation, "add buy milk", when, when)], Json.ListConversationSummary);
        Transport.OnJson(HttpMethod.Get, ApiRoutes.ConversationMessages(Conversation),
            [
                new ConversationMessage("user", "add buy milk", when, []),
                new ConversationMessage("assistant", "Added it.", when, [new ChatAction("add_task", "added task 1 'buy milk'", 1)]),
            ],
            Json.ListConversationMessage);
        var chat = Render<ChatPanel>();

        chat.FindAll("button").Single(b => b.TextContent == "History").Click();
        chat.WaitForAssertion(() => chat.Find("button.conversation .conversation-title").TextContent.ShouldBe("add buy milk"));
        chat.Find("button.conversation time").TextContent.ShouldBe("3 h ago");
        chat.Find("button.conversation").Click();

        chat.WaitForAssertion(() => chat.FindAll("article.message").Count.ShouldBe(2));
        chat.Find("#chat-title").TextContent.ShouldBe("add buy milk");
        chat.Find(".action").TextContent.ShouldContain("added task 1 'buy milk'");
    }

    [Fact]
    public void An_empty_history_says_there_is_nothing_yet()
    {
        Transport.OnJson(HttpMethod.Get, ApiRoutes.Conversations, [], Json.ListConversationSummary);
        var chat = Render<ChatPanel>();

        chat.FindAll("button").Single(b => b.TextContent == "History").Click();

        chat.WaitForAssertion(() => chat.Find(".empty-title").TextContent.ShouldBe("No conversations yet"));
    }
}
