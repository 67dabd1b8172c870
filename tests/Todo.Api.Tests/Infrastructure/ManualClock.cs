namespace Todo.Api.Tests.Infrastructure;

/// <summary>A clock that stands still until the test moves it, so "15 minutes later" takes no time.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
