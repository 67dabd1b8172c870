using Todo.Api.Chat;

namespace Todo.Api.Tests;

/// <summary>What counts as the yes a bulk action waits for: an explicit one, and nothing that says more.</summary>
public sealed class ExplicitYesTests
{
    [Theory]
    [InlineData("yes")]
    [InlineData("Yes!")]
    [InlineData("yes, delete them")]
    [InlineData("yes please")]
    [InlineData("go ahead")]
    [InlineData("confirm")]
    [InlineData("do it")]
    [InlineData("yep, mark them as done")]
    public void An_explicit_yes_confirms(string message) => UtteranceParser.IsConfirmation(message).ShouldBeTrue();

    [Theory]
    [InlineData("no")]
    [InlineData("yes but only the first one")]
    [InlineData("yes add milk")]
    [InlineData("delete 3")]
    [InlineData("maybe")]
    [InlineData("what's on my list")]
    public void Anything_else_does_not(string message) => UtteranceParser.IsConfirmation(message).ShouldBeFalse();
}
