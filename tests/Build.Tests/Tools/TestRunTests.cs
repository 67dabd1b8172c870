using Tools;
using Engine;

namespace Build.Tests.Tools;

/// <summary>What DotNet.TestAsync reports for Test, ImageTest and the smoke suite alike: each failed test by name, a
/// run that wrote no results, and a non-zero exit that no failed test explains (a crashed test host).</summary>
public class TestRunTests
{
    static readonly AbsolutePath Trx = new AbsolutePath(Path.GetTempPath()) / "results" / "Todo.Api.Tests.trx";

    static TestReport Report(params (string Name, TestOutcome Outcome)[] tests) =>
        new([.. tests.Select(t => new TestResult(t.Name, t.Outcome, TimeSpan.Zero, null))]);

    static ProcessResult Exit(int code) => new(code, "", "", TimeSpan.FromSeconds(1));

    [Fact]
    public void A_passing_run_has_no_failures() =>
        Assert.Empty(new TestRun("Todo.Api.Tests", Trx, Exit(0), Report(("A", TestOutcome.Passed), ("B", TestOutcome.Skipped)))
            .Failures);

    [Fact]
    public void Each_failed_test_is_named_with_its_project()
    {
        var report = Report(("A", TestOutcome.Failed), ("B", TestOutcome.Passed), ("C", TestOutcome.Failed));

        var run = new TestRun("Todo.Api.Tests", Trx, Exit(1), report);

        Assert.Equal(["Todo.Api.Tests: A", "Todo.Api.Tests: C"], run.Failures);
    }

    [Fact]
    public void A_run_without_results_fails_with_its_exit_code() =>
        Assert.Equal(["Todo.Api.Tests: no test results (dotnet test exited with 1)"],
            new TestRun("Todo.Api.Tests", Trx, Exit(1), null).Failures);

    [Fact]
    public void A_non_zero_exit_with_every_test_passed_still_fails() =>
        Assert.Equal(["Todo.Api.Tests: dotnet test exited with 3"],
            new TestRun("Todo.Api.Tests", Trx, Exit(3), Report(("A", TestOutcome.Passed))).Failures);
}
