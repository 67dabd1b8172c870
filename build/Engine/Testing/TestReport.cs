using System.Xml.Linq;

namespace Engine;

/// <summary>The outcome of one test run, read from a VSTest TRX file.</summary>
public sealed record TestReport(int Passed, int Failed, int Skipped, IReadOnlyList<string> FailedTests)
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static TestReport ReadTrx(string path)
    {
        var results = XDocument.Load(path).Descendants(Trx + "UnitTestResult").ToList();
        string Outcome(XElement e) => (string?)e.Attribute("outcome") ?? "";
        return new TestReport(
            results.Count(r => Outcome(r) == "Passed"),
            results.Count(r => Outcome(r) is "Failed" or "Error" or "Timeout" or "Aborted"),
            results.Count(r => Outcome(r) is "NotExecuted" or "Inconclusive" or "Skipped"),
            [.. results.Where(r => Outcome(r) is "Failed" or "Error" or "Timeout" or "Aborted").Select(r => (string?)r.Attribute("testName") ?? "?")]);
    }
}
