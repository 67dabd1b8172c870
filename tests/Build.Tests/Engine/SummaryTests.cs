using Engine;

namespace Build.Tests.Engine;

public class SummaryTests
{
    sealed class ReportingBuild : BuildBase
    {
        Target Unit => _ => _.Executes(() =>
        {
            Summary.AddTestResults(passed: 10, failed: 0, skipped: 1);
            Summary.Add("Unit: 10 passed");
        });

        Target Chart => _ => _.DependsOn(Unit).Executes(() => Summary.AddTestResults(passed: 5, failed: 2, skipped: 0));

        Target Quiet => _ => _.Executes(() => { });
    }

    sealed class LongBuild(Task heartbeatSeen) : BuildBase
    {
        Target Lint => _ => _.Executes(async () =>
        {
            using (Log.Progress("linting the chart"))
            {
                // Long enough for a heartbeat however loaded the machine is; done as soon as one was written.
                await Task.WhenAny(heartbeatSeen, Task.Delay(TimeSpan.FromSeconds(30)));
            }
        });
    }

    [Fact]
    public async Task The_summary_lists_every_target_then_the_extra_lines_and_ends_with_the_test_counts()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new ReportingBuild(), ["Chart"]);

        var lines = run.OutputLines;
        Assert.Equal("Tests: 15 passed, 2 failed, 1 skipped", lines[^1]);
        Assert.Equal("Unit: 10 passed", lines[^2]);
        Assert.Contains(lines, l => l.StartsWith("Unit ", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Chart ", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Build succeeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_test_results_there_is_no_test_line()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new ReportingBuild(), ["Quiet"]);

        Assert.DoesNotContain(run.OutputLines, l => l.StartsWith("Tests:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Long_work_shows_a_heartbeat_with_the_target_name()
    {
        using var run = EngineRun.InScratchRoot();
        var output = new WatchingWriter("linting the chart (");
        await run.RunAsync(new LongBuild(output.Seen.Task), ["Lint"], writer: output);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.StartsWith("[Lint] … linting the chart (0:", StringComparison.Ordinal));
    }
}
