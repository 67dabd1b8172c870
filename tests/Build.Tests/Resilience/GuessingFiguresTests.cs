using Resilience;

namespace Build.Tests.Resilience;

public class GuessingFiguresTests
{
    static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(80);

    [Fact]
    public void A_burst_locked_within_the_allowance_while_another_user_signs_in_passes()
    {
        var statuses = Enumerable.Repeat(401, 20).Concat(Enumerable.Repeat(429, 20)).ToList();

        var figures = GuessingFigures.From(statuses, legitimateStatus: 200, Quick, allowedGuesses: 20);

        Assert.True(figures.LimitHeld);
        Assert.True(figures.LegitimateUserSignedIn);
        Assert.Equal(21, figures.FirstLockedAt);
        Assert.Contains("locked (429 with Retry-After) from guess 21 on (bar: by guess 21)", figures.Lines());
    }

    [Fact]
    public void A_burst_never_locked_or_locked_too_late_fails()
    {
        Assert.False(GuessingFigures.From(Enumerable.Repeat(401, 40).ToList(), 200, Quick, 20).LimitHeld);
        Assert.False(GuessingFigures.From([.. Enumerable.Repeat(401, 25), .. Enumerable.Repeat(429, 15)], 200, Quick, 20).LimitHeld);
    }

    [Fact]
    public void A_guess_that_signed_in_fails_the_scenario_and_so_does_a_locked_out_bystander()
    {
        Assert.False(GuessingFigures.From([401, 200, 429], 200, Quick, 20).LimitHeld);
        Assert.False(GuessingFigures.From([401, 429], 429, Quick, 20).LegitimateUserSignedIn);
    }
}
