using System.Globalization;
using Engine;
using Tools;

namespace Smoke;

/// <summary>Runs the smoke suite (tests/Todo.Smoke.Tests) against a deployment and reads back its TRX.</summary>
public static class SmokeSuite
{
    public const string Project = "tests/Todo.Smoke.Tests/Todo.Smoke.Tests.csproj";

    /// <param name="configuration">The configuration Compile built, so the suite's build is an up-to-date check, not a rebuild.</param>
    public static async Task<(TestReport Report, TimeSpan Duration)> RunAsync(
        AbsolutePath root, string configuration, AbsolutePath resultsDirectory, Uri frontend, Uri? backend,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(resultsDirectory);
        ArgumentNullException.ThrowIfNull(frontend);
        // A failing check exits non-zero; the TRX says which, and that is what the summary reports.
        var run = await DotNet.TestAsync(root / Project, resultsDirectory / "smoke.trx", ["-c", configuration],
            new Dictionary<string, string?>
            {
                ["SMOKE_BASE_URL"] = frontend.ToString(),
                ["SMOKE_BACKEND_URL"] = backend?.ToString(),
            },
            cancellationToken);
        return run.Report is { } report
            ? (report, run.Result.Duration)
            : throw new InvalidOperationException(
                $"The smoke suite wrote no results ({run.Trx}); `dotnet test` exited with {run.Result.ExitCode}. See its output above.");
    }

    /// <summary>Runs the suite and reports it in the build summary (the counts, then one line per check); a failed
    /// check, or a run with none, fails the target.</summary>
    public static async Task CheckAsync(
        AbsolutePath root, string configuration, Uri frontend, Uri? backend, BuildSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(summary);
        var resultsDirectory = root / "artifacts" / "test-results" / "smoke";
        Log.Info("smoke suite against {0}{1}", frontend, backend is null ? "" : $" (backend {backend})");
        var (report, duration) = await RunAsync(root, configuration, resultsDirectory, frontend, backend, cancellationToken);
        summary.AddTestResults(report.Passed, report.Failed, report.Skipped);
        summary.Add(string.Create(CultureInfo.InvariantCulture,
            $"smoke suite against {frontend}: {report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped "
            + $"in {duration.TotalSeconds:F1} s"));
        foreach (var line in report.SummaryLines())
            summary.Add(line);
        if (report.Failed > 0 || report.Passed == 0)
            throw new TargetFailedException(report.Failed > 0
                ? $"{report.Failed} smoke check(s) failed: {string.Join("; ", report.FailedTests)}. "
                    + "Each failure above shows the request, the response and what was expected."
                : "The smoke suite ran no check.");
    }
}
