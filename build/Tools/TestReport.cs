using System.Globalization;
using System.Xml.Linq;

using Engine;

namespace Tools;

public enum TestOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One test as the run recorded it; <see cref="Message"/> is the failure message, or a skip's reason.</summary>
public sealed record TestResult(string Name, TestOutcome Outcome, TimeSpan Duration, string? Message);

/// <summary>
/// The outcome of one test run, read from the TRX file <c>dotnet test --logger trx</c> writes. The one reader of test
/// results in the build: Test counts them, SmokeTest and ImageTest also list every named check.
/// </summary>
public sealed record TestReport(IReadOnlyList<TestResult> Tests)
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public int Passed => Tests.Count(test => test.Outcome == TestOutcome.Passed);

    public int Failed => Tests.Count(test => test.Outcome == TestOutcome.Failed);

    public int Skipped => Tests.Count(test => test.Outcome == TestOutcome.Skipped);

    public IReadOnlyList<string> FailedTests => [.. Tests.Where(test => test.Outcome == TestOutcome.Failed).Select(test => test.Name)];

    public static TestReport ReadTrx(string path) => Parse(File.ReadAllText(path));

    /// <summary>Tests in name order: suites that number their checks ("01 …", "02 …") read in the order they ran.</summary>
    public static TestReport Parse(string trx) => new([
        .. XDocument.Parse(trx).Descendants(Trx + "UnitTestResult")
            .Select(result => new TestResult(
                (string?)result.Attribute("testName") ?? "(unnamed)",
                OutcomeOf((string?)result.Attribute("outcome")),
                TimeSpan.TryParse((string?)result.Attribute("duration"), CultureInfo.InvariantCulture, out var duration) ? duration
                    : TimeSpan.Zero,
                result.Element(Trx + "Output")?.Element(Trx + "ErrorInfo")?.Element(Trx + "Message")?.Value
                    ?? result.Element(Trx + "Output")?.Element(Trx + "StdOut")?.Value))
            .OrderBy(test => test.Name, StringComparer.Ordinal),
    ]);

    /// <summary>One line per test for the build summary, e.g. "  PASS  01 UI page is served … (12 ms)".</summary>
    public IEnumerable<string> SummaryLines() =>
        Tests.Select(test => string.Create(CultureInfo.InvariantCulture,
            $"  {Label(test.Outcome)}  {test.Name} ({test.Duration.TotalMilliseconds:F0} ms){SkipReason(test)}"));

    private static string SkipReason(TestResult test) =>
        test.Outcome == TestOutcome.Skipped && !string.IsNullOrWhiteSpace(test.Message) ? $": {test.Message.Trim()}" : "";

    private static string Label(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Passed => "PASS",
        TestOutcome.Failed => "FAIL",
        _ => "SKIP",
    };

    // VSTest writes NotExecuted for skipped tests; Error, Timeout, Aborted and anything unknown count as failures, so an
    // outcome we do not understand can never pass a run.
    private static TestOutcome OutcomeOf(string? outcome) => outcome switch
    {
        "Passed" => TestOutcome.Passed,
        "NotExecuted" or "Inconclusive" or "NotRunnable" or "Skipped" => TestOutcome.Skipped,
        _ => TestOutcome.Failed,
    };
}
