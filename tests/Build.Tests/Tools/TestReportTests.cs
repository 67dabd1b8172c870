using Tools;
using Engine;

namespace Build.Tests.Tools;

public class TestReportTests
{
    const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun id="1" name="smoke" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
            <UnitTestResult testName="02 Frontend /health/live answers 200" outcome="Passed" duration="00:00:00.0120000" />
            <UnitTestResult testName="20 Create a task through /api answers 201 with the task" outcome="Failed" duration="00:00:01.5000000">
              <Output><ErrorInfo><Message>Expected: status 201 Created</Message><StackTrace>at …</StackTrace></ErrorInfo></Output>
            </UnitTestResult>
            <UnitTestResult testName="04 Backend /health/live answers 200" outcome="NotExecuted" duration="00:00:00">
              <Output><StdOut>SMOKE_BACKEND_URL is not set</StdOut></Output>
            </UnitTestResult>
            <UnitTestResult testName="01 UI page is served as HTML with security headers" outcome="Passed" duration="00:00:00.2500000" />
          </Results>
        </TestRun>
        """;

    [Fact]
    public void Checks_are_listed_in_the_order_their_numbers_give()
    {
        var report = TestReport.Parse(Trx);

        Assert.Equal(
            ["01 UI page is served as HTML with security headers", "02 Frontend /health/live answers 200", "04 Backend /health/live answers 200", "20 Create a task through /api answers 201 with the task"],
            report.Tests.Select(check => check.Name));
    }

    [Fact]
    public void Outcomes_are_counted_and_not_executed_means_skipped()
    {
        var report = TestReport.Parse(Trx);

        Assert.Equal((2, 1, 1), (report.Passed, report.Failed, report.Skipped));
    }

    [Fact]
    public void A_failure_keeps_its_message()
    {
        var failed = TestReport.Parse(Trx).Tests.Single(check => check.Outcome == TestOutcome.Failed);

        Assert.Equal("Expected: status 201 Created", failed.Message);
        Assert.Equal(TimeSpan.FromSeconds(1.5), failed.Duration);
    }

    [Fact]
    public void Every_check_gets_a_summary_line_with_its_verdict_and_a_skip_says_why()
    {
        var lines = TestReport.Parse(Trx).SummaryLines().ToList();

        Assert.Equal("  PASS  01 UI page is served as HTML with security headers (250 ms)", lines[0]);
        Assert.Equal("  SKIP  04 Backend /health/live answers 200 (0 ms): SMOKE_BACKEND_URL is not set", lines[2]);
        Assert.StartsWith("  FAIL  20 Create a task", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_timeouts_and_aborts_count_as_failures()
    {
        var report = TestReport.Parse(Trx.Replace("outcome=\"Passed\"", "outcome=\"Timeout\"", StringComparison.Ordinal));

        Assert.Equal(3, report.Failed);
    }
}
