using Benchmarks;

namespace Build.Tests.Benchmarks;

public class IncrementalFiguresTests
{
    static TimedBuildRun Run(double seconds, params string[] lines) =>
        new("ImageSizeCheck", 0, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(0.4), lines);

    static readonly string[] BackendOnly =
    [
        "[Publish] Publish.todo-backend.linux-x64 runs: src/Todo.Api/Program.cs changed",
        "[Publish] ok: Publish.todo-frontend.linux-x64 is up to date: inputs unchanged since 10:00:00",
    ];

    static readonly TimedBuildRun ReusedTest = Run(5, "Test            up to date (inputs unchanged since 10:00:00)  0:00");

    [Fact]
    public void Runs_that_meet_every_goal_miss_nothing()
    {
        var figures = new IncrementalFigures(Run(100), Run(9), Run(40, BackendOnly), Run(300), ReusedTest);

        Assert.Empty(figures.Missed());
        Assert.DoesNotContain(figures.Lines(), l => l.StartsWith("MISSED", StringComparison.Ordinal));
        Assert.Contains(figures.Lines(), l => l.Contains("no-op 9.0 s → 0.090 of cold (goal ≤ 0.10)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_slow_no_op_is_missed_with_its_ratio()
    {
        var figures = new IncrementalFigures(Run(100), Run(11), Run(40, BackendOnly), Run(300), ReusedTest);

        Assert.Contains("MISSED no-op ImageSizeCheck ≤ 0.10 of cold (was 0.110)", figures.Lines());
    }

    [Fact]
    public void A_backend_change_that_republishes_the_frontend_is_missed()
    {
        var figures = new IncrementalFigures(Run(100), Run(5), Run(40, "[Publish] Publish.todo-backend.linux-x64 runs: x changed"), Run(300), ReusedTest);

        Assert.Contains("a change in src/Todo.Api reruns only the backend's publish", figures.Missed());
    }

    [Fact]
    public void A_no_op_Test_that_ran_again_is_missed_even_when_fast()
    {
        var figures = new IncrementalFigures(Run(100), Run(5), Run(40, BackendOnly), Run(300), Run(5, "Test            succeeded  0:05"));

        Assert.Contains("a no-op Test reuses the passed run and says so in the summary", figures.Missed());
    }

    [Fact]
    public void A_failed_run_and_a_late_first_line_are_missed()
    {
        var cold = Run(100) with { FirstOutput = TimeSpan.FromSeconds(3) };
        var figures = new IncrementalFigures(cold, Run(5) with { ExitCode = 1 }, Run(40, BackendOnly), Run(300), ReusedTest);

        Assert.Contains("./build.sh ImageSizeCheck exited with 1", figures.Missed());
        Assert.Contains("first output line of a fresh clone within 2 s", figures.Missed());
    }
}
