using Tools;
using Engine;

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
}
