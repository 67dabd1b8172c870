using System.Globalization;
using System.Xml.Linq;

namespace Smoke;

public enum CheckOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One named check of the suite as the test run recorded it.</summary>
public sealed record CheckResult(string Name, CheckOutcome Outcome, TimeSpan Duration, string? Message);

/// <summary>A test run's results read from its TRX file (the VSTest results format <c>dotnet test --logger trx</c> writes).</summary>
public sealed record TrxReport(IReadOnlyList<CheckResult> Checks)
{
    static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public int Passed => Checks.Count(check => check.Outcome == CheckOutcome.Passed);

    public int Failed => Checks.Count(check => check.Outcome == CheckOutcome.Failed);

    public int Skipped => Checks.Count(check => check.Outcome == CheckOutcome.Skipped);

    /// <summary>Checks in name order: the suite numbers its checks, so this is the order they ran in.</summary>
    public static TrxReport Parse(string trx)
    {
        var document = XDocument.Parse(trx);
        var checks = document.Descendants(Ns + "UnitTestResult")
            .Select(result => new CheckResult(
                (string?)result.Attribute("testName") ?? "(unnamed)",
                OutcomeOf((string?)result.Attribute("outcome")),
                TimeSpan.TryParse((string?)result.Attribute("duration"), CultureInfo.InvariantCulture, out var duration) ? duration : TimeSpan.Zero,
                result.Element(Ns + "Output")?.Element(Ns + "ErrorInfo")?.Element(Ns + "Message")?.Value
                    ?? result.Element(Ns + "Output")?.Element(Ns + "StdOut")?.Value))
            .OrderBy(check => check.Name, StringComparer.Ordinal)
            .ToList();
        return new TrxReport(checks);
    }

    /// <summary>One line per check for the build summary, e.g. "  PASS  01 UI page is served … (12 ms)".</summary>
    public IEnumerable<string> SummaryLines() =>
        Checks.Select(check => string.Create(CultureInfo.InvariantCulture,
            $"  {Label(check.Outcome)}  {check.Name} ({check.Duration.TotalMilliseconds:F0} ms){SkipReason(check)}"));

    static string SkipReason(CheckResult check) =>
        check.Outcome == CheckOutcome.Skipped && !string.IsNullOrWhiteSpace(check.Message) ? $": {check.Message.Trim()}" : "";

    static string Label(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "PASS",
        CheckOutcome.Failed => "FAIL",
        _ => "SKIP",
    };

    // VSTest writes NotExecuted for skipped tests; Error/Timeout/Aborted are failures for a smoke run.
    static CheckOutcome OutcomeOf(string? outcome) => outcome switch
    {
        "Passed" => CheckOutcome.Passed,
        "NotExecuted" or "Inconclusive" or "NotRunnable" => CheckOutcome.Skipped,
        _ => CheckOutcome.Failed,
    };
}
