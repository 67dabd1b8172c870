using Resilience;

namespace Build.Tests.Resilience;

public class RestartFiguresTests
{
    static readonly TimeSpan DatabaseUp = TimeSpan.FromSeconds(3);
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    static RequestRecord Write(int id, int? status, string title) =>
        new(id, TimeSpan.FromMilliseconds(id), TimeSpan.FromMilliseconds(id + 5), status, status is null ? "reset" : null, status is 201 ? id : null, title);

    [Fact]
    public void Every_acknowledged_write_found_again_is_durable()
    {
        var figures = RestartFigures.From([Write(1, 201, "w 1"), Write(2, 503, "w 2"), Write(3, null, "w 3")],
            new Dictionary<int, string> { [1] = "w 1" }, DatabaseUp, DatabaseUp + TimeSpan.FromMilliseconds(400), Budget);

        Assert.True(figures.Durable);
        Assert.Equal((3, 1, 2), (figures.Writes, figures.Acknowledged, figures.Refused));
    }

    [Fact]
    public void An_acknowledged_write_missing_afterwards_is_lost()
    {
        var figures = RestartFigures.From([Write(1, 201, "w 1"), Write(2, 201, "w 2")],
            new Dictionary<int, string> { [1] = "w 1" }, DatabaseUp, DatabaseUp, Budget);

        Assert.False(figures.Durable);
        Assert.Equal("w 2", Assert.Single(figures.LostWrites).Title);
    }

    [Fact]
    public void A_stored_task_with_another_title_does_not_count_as_the_write() =>
        Assert.False(RestartFigures.From([Write(1, 201, "w 1")], new Dictionary<int, string> { [1] = "something else" }, DatabaseUp, DatabaseUp, Budget).Durable);

    [Fact]
    public void A_write_refused_while_the_database_was_down_is_expected_but_one_failed_after_it_was_back_is_not()
    {
        var during = Write(1, 503, "w 1") with { SentAt = DatabaseUp - TimeSpan.FromMilliseconds(1) };
        var after = Write(2, 500, "w 2") with { SentAt = DatabaseUp };
        var reset = Write(3, null, "w 3") with { SentAt = DatabaseUp + TimeSpan.FromSeconds(1) };

        var figures = RestartFigures.From([during, after, reset, Write(4, 201, "w 4") with { SentAt = DatabaseUp }],
            new Dictionary<int, string> { [4] = "w 4" }, DatabaseUp, DatabaseUp, Budget);

        Assert.False(figures.NoFailureOnceBack);
        Assert.Equal(["w 2", "w 3"], figures.FailedOnceBack.Select(record => record.Title));
        Assert.Contains("writes failed once the database was back: 2 (500, reset)", figures.Lines());
        Assert.True(RestartFigures.From([during], new Dictionary<int, string>(), DatabaseUp, DatabaseUp, Budget).NoFailureOnceBack);
    }

    [Theory]
    [InlineData(4900, true)]
    [InlineData(5100, false)]
    public void The_backend_must_be_ready_within_the_budget_after_the_database_is(int readyAfterMs, bool inTime) =>
        Assert.Equal(inTime, RestartFigures.From([], new Dictionary<int, string>(), DatabaseUp, DatabaseUp + TimeSpan.FromMilliseconds(readyAfterMs), Budget).RecoveredInTime);

    [Fact]
    public void Never_ready_again_is_not_in_time()
    {
        var figures = RestartFigures.From([], new Dictionary<int, string>(), DatabaseUp, readyAgainAt: null, Budget);

        Assert.False(figures.RecoveredInTime);
        Assert.Contains(figures.Lines(), line => line.Contains("NOT ready", StringComparison.Ordinal));
    }
}
