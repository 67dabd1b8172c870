using Engine;

namespace Smoke;

/// <summary>Runs the smoke suite (tests/Todo.Smoke.Tests) against a deployment and reads back its TRX.</summary>
public static class SmokeSuite
{
    public const string Project = "tests/Todo.Smoke.Tests/Todo.Smoke.Tests.csproj";

    /// <param name="configuration">The configuration Compile built, so the suite's build is an up-to-date check, not a rebuild.</param>
    public static async Task<(TestReport Report, TimeSpan Duration)> RunAsync(AbsolutePath root, string configuration, AbsolutePath resultsDirectory, Uri frontend, Uri? backend, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(resultsDirectory);
        var trx = resultsDirectory / "smoke.trx";
        File.Delete(trx);
        var result = await ProcessRunner.RunAsync(
            new ProcessSpec("dotnet", ["test", root / Project, "-c", configuration, "--logger", $"trx;LogFileName={trx}", "--results-directory", resultsDirectory, "--nologo"])
            {
                Environment = new Dictionary<string, string?>
                {
                    ["SMOKE_BASE_URL"] = frontend.ToString(),
                    ["SMOKE_BACKEND_URL"] = backend?.ToString(),
                },
                // A failing check exits non-zero; the TRX says which, and that is what the summary reports.
                AllowFailure = true,
            },
            cancellationToken);
        if (!File.Exists(trx))
            throw new InvalidOperationException($"The smoke suite wrote no results ({trx}); `dotnet test` exited with {result.ExitCode}. See its output above.");
        return (TestReport.Parse(await File.ReadAllTextAsync(trx, cancellationToken)), result.Duration);
    }
}
