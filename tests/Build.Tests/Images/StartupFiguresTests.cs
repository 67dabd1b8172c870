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

        Assert.Contains("slower than 1.0 s from docker run", table[1], StringComparison.Ordinal);
        Assert.Contains("1.60 s", table[1], StringComparison.Ordinal);
        Assert.Contains("80.0 MB", table[1], StringComparison.Ordinal);
        Assert.Contains("2.20 s", table[1], StringComparison.Ordinal);
        Assert.Contains("ok (median ≤ 1.0 s from docker run)", table[2], StringComparison.Ordinal);
        Assert.Contains("n/a", table[2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_goal_is_judged_from_the_containers_start_and_the_time_from_docker_run_is_shown_beside_it()
    {
        var sample = new StartupSample("todo-backend (chart)", [S(1.02), S(1.10), S(0.98)], [96_000_000])
        {
            StartToReadyTimes = [S(0.71), S(0.75), S(0.69)],
        };

        var row = StartupSample.Table([sample], S(1)).Split('\n')[1];

        Assert.Equal(S(0.71), sample.Median);
        Assert.Equal(S(1.02), sample.RunToReadyMedian);
        Assert.StartsWith("todo-backend (chart)    3  0.69 s  0.71 s  0.75 s  1.02 s", row, StringComparison.Ordinal);
        Assert.EndsWith("ok (median ≤ 1.0 s from container start)", row.TrimEnd(), StringComparison.Ordinal);
        Assert.StartsWith("todo-backend (chart): start → ready median 0.71 s (min 0.69, max 0.75), 1.02 s from docker run, ",
            sample.SummaryLine(), StringComparison.Ordinal);
    }

    [Fact]
    public void Where_some_runs_start_time_is_unknown_the_goal_is_judged_from_docker_run()
    {
        var sample = new StartupSample("todo-backend", [S(1.02), S(1.10), S(0.98)], [96_000_000]) { StartToReadyTimes = [S(0.71)] };

        Assert.False(sample.FromContainerStart);
        Assert.Equal(S(1.02), sample.Median);
        Assert.Contains("slower than 1.0 s from docker run", StartupSample.Table([sample], S(1)), StringComparison.Ordinal);
        Assert.StartsWith("todo-backend: docker run → ready median 1.02 s", sample.SummaryLine(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_start_is_used_only_when_it_falls_between_docker_run_and_the_answer()
    {
        var answered = new DateTimeOffset(2026, 11, 30, 17, 0, 1, TimeSpan.Zero);

        Assert.Equal(S(0.7), StartupMeasurement.StartToReady(answered - S(0.7), answered, runToReady: S(1.0)));
        Assert.Null(StartupMeasurement.StartToReady(null, answered, S(1.0)));
        // A remote daemon's clock ahead of this machine's, or one far behind it.
        Assert.Null(StartupMeasurement.StartToReady(answered + S(0.2), answered, S(1.0)));
        Assert.Null(StartupMeasurement.StartToReady(answered - S(5), answered, S(1.0)));
    }

    [Fact]
    public void The_table_shows_what_each_image_did_under_load_and_a_dash_where_the_load_was_skipped()
    {
        var table = StartupSample.Table(
            [
                new("todo-backend", [S(5.0)], [102_500_000]) { Load = new LoadSample(8, S(5.2), 3120, 0, 131_400_000) },
                new("todo-frontend", [S(0.5)], [52_600_000]),
            ],
            S(1)).Split('\n');

        Assert.Contains("requests", table[0], StringComparison.Ordinal);
        Assert.Contains("req/s", table[0], StringComparison.Ordinal);
        Assert.Contains("RSS load", table[0], StringComparison.Ordinal);
        Assert.Contains("102.5 MB     3120    600  131.4 MB", table[1], StringComparison.Ordinal);
        Assert.Contains("52.6 MB        —      —         —", table[2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_line_gives_idle_and_peak_memory_under_load_with_the_load_that_made_it()
    {
        var loaded = new StartupSample("todo-frontend", [S(0.49), S(0.50), S(0.63)], [52_600_000, 52_500_000, 52_700_000])
        {
            ReadyCpuTimes = [S(0.16)],
            Load = new LoadSample(8, S(5.0), 20_000, 0, 61_000_000),
        };

        Assert.Equal(
            "todo-frontend: docker run → ready median 0.50 s (min 0.49, max 0.63), CPU to ready 0.16 s, RSS idle 52.6 MB, "
                + "under load 61.0 MB (peak; 20000 requests, 4000 req/s, 8 clients for 5.0 s)",
            loaded.SummaryLine());
        Assert.Equal(
            "todo-backend: docker run → ready median 5.00 s (min 5.00, max 5.00), CPU to ready n/a, RSS idle 102.5 MB",
            new StartupSample("todo-backend", [S(5.0)], [102_500_000]).SummaryLine());
    }

    [Fact]
    public void A_start_the_way_the_chart_does_it_says_how_long_its_init_container_ran_first()
    {
        var chart = new StartupSample("todo-backend (chart)", [S(0.90), S(0.95), S(1.10)], [94_000_000])
        {
            ReadyCpuTimes = [S(0.70)],
            InitContainerTime = S(2.15),
        };

        Assert.Equal(
            "todo-backend (chart): docker run → ready median 0.95 s (min 0.90, max 1.10), CPU to ready 0.70 s, RSS idle 94.0 MB, "
                + "its init container having run 2.15 s before",
            chart.SummaryLine());
        Assert.StartsWith("todo-backend (chart)    3  0.90 s  0.95 s  1.10 s", StartupSample.Table([chart], S(1.0)).Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_load_with_no_failure_passes_and_its_throughput_is_over_the_whole_time_the_clients_ran()
    {
        var load = new LoadSample(8, S(4.0), 1000, 0, 1);

        Assert.Equal(250, load.RequestsPerSecond);
        Assert.Null(load.FailureMessage("todo-backend"));
        Assert.Equal(
            "todo-backend: 2 of 1000 requests failed under load (8 clients, 4.0 s); first: POST /api/tasks → 429 Too Many Requests: {}",
            (load with { Failures = 2, FirstFailure = "POST /api/tasks → 429 Too Many Requests: {}" }).FailureMessage("todo-backend"));
    }
}
