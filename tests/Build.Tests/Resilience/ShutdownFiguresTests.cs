using Resilience;

namespace Build.Tests.Resilience;

public class ShutdownFiguresTests
{
    static readonly TimeSpan Sigterm = Ms(1000);

    static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    static RequestRecord Ok(int sent, int ended) => new(sent, Ms(sent), Ms(ended), 201, null);

    static RequestRecord Refused(int sent) => new(sent, Ms(sent), Ms(sent + 1), null, "Connection refused");

    [Fact]
    public void Requests_in_flight_at_sigterm_are_counted_with_how_many_completed()
    {
        var figures = ShutdownFigures.From([Ok(900, 1100), Ok(950, 1300), Ok(500, 600)], Sigterm, Ms(1010), Ms(3200), Ms(3300));

        Assert.Equal((2, 2), (figures.InFlightAtSigterm, figures.InFlightCompleted));
    }

    [Fact]
    public void A_failure_sent_after_the_port_closed_is_not_the_servers_fault_but_one_before_is()
    {
        var figures = ShutdownFigures.From([Refused(3000), Refused(3250), Refused(3400)], Sigterm, Ms(1010), Ms(3200), Ms(3300));

        Assert.Equal((1, 2), (figures.FailedBeforePortClosed, figures.FailedAfterPortClosed));
        Assert.False(figures.Graceful);
        Assert.Equal(Ms(2000), Assert.Single(figures.EarlyFailures).SentAt);
        Assert.Contains(figures.Lines(), line => line.Contains("failed early: sent 2000 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void A_shutdown_is_graceful_when_readiness_drops_before_exit_in_flight_work_completes_and_nothing_fails_early()
    {
        var figures = ShutdownFigures.From([Ok(900, 1100), Ok(2000, 2010), Refused(3250)], Sigterm, Ms(1010), Ms(3200), Ms(3300));

        Assert.True(figures.ReadinessDroppedBeforeExit);
        Assert.True(figures.Graceful);
        Assert.Equal(Ms(10), figures.NotReadyAfterSigterm);
        Assert.Equal(Ms(2300), figures.ExitedAfterSigterm);
    }

    [Fact]
    public void Readiness_never_seen_at_503_is_not_graceful()
    {
        var figures = ShutdownFigures.From([Ok(900, 1100)], Sigterm, firstNotReadyAt: null, Ms(3200), Ms(3300));

        Assert.False(figures.ReadinessDroppedBeforeExit);
        Assert.False(figures.Graceful);
        Assert.Contains(figures.Lines(), line => line.Contains("readiness 503 at never seen", StringComparison.Ordinal));
    }

    [Fact]
    public void A_port_never_seen_closed_is_taken_as_closed_at_the_exit()
    {
        var figures = ShutdownFigures.From([Refused(3250), Refused(3350)], Sigterm, Ms(1010), portClosedAt: null, Ms(3300));

        Assert.Equal((1, 1), (figures.FailedBeforePortClosed, figures.FailedAfterPortClosed));
    }

    [Fact]
    public void An_in_flight_request_that_was_cut_off_breaks_the_verdict()
    {
        var cut = new RequestRecord(1, Ms(990), Ms(3300), null, "The response ended prematurely");
        var figures = ShutdownFigures.From([cut], Sigterm, Ms(1010), Ms(3200), Ms(3300));

        Assert.Equal((1, 0), (figures.InFlightAtSigterm, figures.InFlightCompleted));
        Assert.False(figures.Graceful);
    }

    [Fact]
    public void A_failure_sent_between_the_last_answered_probe_and_the_first_unanswered_one_is_counted_at_the_close()
    {
        var figures = ShutdownFigures.From([Ok(2000, 2010), Refused(3185), Refused(3250)], Sigterm, Ms(1010), Ms(3200), Ms(3300), lastOpenAt: Ms(3170));

        Assert.Equal((0, 1, 1), (figures.FailedBeforePortClosed, figures.FailedAtPortClose, figures.FailedAfterPortClosed));
        Assert.True(figures.Graceful);
        Assert.Contains(figures.Lines(), line => line.Contains("at the close 1 (sent between the last answered probe at 2170 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failure_sent_before_the_last_answered_probe_is_the_servers_fault()
    {
        var figures = ShutdownFigures.From([Refused(3160), Refused(3185)], Sigterm, Ms(1010), Ms(3200), Ms(3300), lastOpenAt: Ms(3170));

        Assert.Equal((1, 1), (figures.FailedBeforePortClosed, figures.FailedAtPortClose));
        Assert.False(figures.Graceful);
    }
}
