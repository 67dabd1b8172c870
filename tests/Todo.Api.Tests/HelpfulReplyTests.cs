using Todo.Api.Chat;

namespace Todo.Api.Tests;

/// <summary>
/// What the interpreter says when it cannot tell what is meant: the closest of its abilities, as a command in the
/// user's own words that works when sent back as it is — never a generic "didn't understand".
/// </summary>
public sealed class HelpfulReplyTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Theory]
    [InlineData("scrub the car", "Did you mean to add it as a task? Try: add scrub the car. To see your tasks, say: what's on my list. Say 'help' for everything I understand.")]
    [InlineData("could you scrub the car please", "Did you mean to add it as a task? Try: add scrub the car. To see your tasks, say: what's on my list. Say 'help' for everything I understand.")]
    [InlineData("3", "What should I do with task 3? Try: complete 3, delete 3, or rename 3 to something new.")]
    [InlineData("task 12", "What should I do with task 12? Try: complete 12, delete 12, or rename 12 to something new.")]
    [InlineData("I paid the rent", "Did you finish a task? Try: complete rent. To add it instead, say: add I paid the rent")]
    [InlineData("i've already called mom", "Did you finish a task? Try: complete mom. To add it instead, say: add i've already called mom")]
    [InlineData("who won the match?", "I can't answer \"who won the match\": I only know about your tasks. Did you mean to see them? Try: what's on my list? (or: what have I done?)")]
    [InlineData("🙂", "I didn't catch that. Try 'add buy milk' or 'what's on my list', or say 'help' for everything I understand.")]
    public void A_message_it_cannot_act_on_gets_the_closest_ability_in_the_users_words(string message, string reply)
    {
        UtteranceParser.Parse(message, Today).ShouldBe(new ReplyIntent(reply));
    }

    [Theory]
    [InlineData("scrub the car", "add scrub the car")]
    [InlineData("I paid the rent", "complete rent")]
    [InlineData("3", "complete 3")]
    [InlineData("who won the match?", "what's on my list")]
    public void The_suggested_command_is_understood_when_sent_back(string message, string suggestion)
    {
        var reply = (ReplyIntent)UtteranceParser.Parse(message, Today);
        reply.Text.ShouldContain(suggestion);

        UtteranceParser.Parse(suggestion, Today).ShouldBeOfType<ToolIntent>();
    }

    [Theory]
    [InlineData("need milk")]
    [InlineData("feed the cat")]
    public void A_verb_that_merely_ends_in_ed_is_not_taken_for_something_done(string message)
    {
        ((ReplyIntent)UtteranceParser.Parse(message, Today)).Text.ShouldStartWith("Did you mean to add it as a task? Try: add " + message);
    }
}
