using Images;

namespace Build.Tests.Images;

public sealed class StartupFiguresTests
{
    static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void The_median_ignores_one_slow_run_on_a_shared_machine()
    {
        var sample = new StartupSample("todo-frontend", [S(0.41), S(3.9), S(0.40), S(0.44), S(0.43)], [40_000_000, 42_000_000, 41_000_000, 39_000_000, 43_000_000]);

        Assert.Equal(S(0.43), sample.Median);
        Assert.Equal(S(0.40), sample.Min);
        Assert.Equal(S(3.9), sample.Max);
        Assert.Equal(41_000_000, sample.MedianIdleResidentBytes);
    }

    [Fact]
    public void An_even_number_of_runs_takes_the_mean_of_the_middle_two()
    {
        var sample = new StartupSample("todo-backend", [S(1.0), S(0.5), S(0.7), S(0.9)], [10, 20]);

        Assert.Equal(S(0.8), sample.Median);
        Assert.Equal(15, sample.MedianIdleResidentBytes);
    }

    [Fact]
    public void The_table_says_which_image_misses_the_goal()
    {
        var table = StartupSample.Table(
            [new("todo-backend", [S(1.6), S(1.5), S(1.7)], [80_000_000]) { ReadyCpuTimes = [S(2.1), S(2.3), S(2.2)] }, new("todo-frontend", [S(0.3), S(0.35), S(0.4)], [30_000_000])],
            S(1)).Split('\n');

        Assert.Contains("slower than 1.0 s", table[1], StringComparison.Ordinal);
        Assert.Contains("1.60 s", table[1], StringComparison.Ordinal);
        Assert.Contains("80.0 MB", table[1], StringComparison.Ordinal);
        Assert.Contains("2.20 s", table[1], StringComparison.Ordinal);
        Assert.Contains("ok (median ≤ 1.0 s)", table[2], StringComparison.Ordinal);
        Assert.Contains("n/a", table[2], StringComparison.Ordinal);
    }
}
