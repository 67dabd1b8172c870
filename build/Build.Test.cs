using System.Xml.Linq;
using Engine;
using Provisioning;

partial class Build
{
    /// <summary>Test projects that later stages run against what they deployed or built; Test leaves them alone.</summary>
    static readonly string[] TestProjectsRunByLaterStages = ["Todo.Smoke.Tests", "Images.Tests"];

    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    /// <summary>On GitHub's runner the tests use a PostgreSQL service container (GitHub's documented way) through
    /// TEST_DATABASE_URL, rather than the runner's own PostgreSQL 16, whose service is off and owned by root.</summary>
    const string RunnerTestDatabaseUrl = "postgres://postgres:postgres@localhost:5432/postgres";

    /// <summary>The test job's service containers: PostgreSQL, healthy before the first step runs.
    /// Named by [GitHubActions(Services = nameof(TestServices))].</summary>
    static IEnumerable<GitHubActionsService> TestServices =>
    [
        new GitHubActionsService("postgres", "postgres:16")
        {
            Env = { ["POSTGRES_PASSWORD"] = "postgres" },
            Ports = ["5432:5432"],
            Options = "--health-cmd pg_isready --health-interval 2s --health-timeout 5s --health-retries 30",
        },
    ];

    Target Test => _ => _
        .Description("Runs every test project of the solution except those later stages run; TRX and coverage in artifacts/test-results")
        .DependsOn(Compile)
        // A passing run is reused while the code, the chart (Chart.Tests renders it) and the tools are unchanged;
        // a failing one never is (the engine records only successes).
        .Inputs(inputs => CodeInputs(inputs
            .Files(ChartDirectory)
            .Value("helm", () => Tools.Helm.ResolveAsync(CancellationToken).GetAwaiter().GetResult())
            .Value("chromium", () => Tools.Chromium.ResolveAsync(CancellationToken).GetAwaiter().GetResult())
            .Value("TEST_DATABASE_URL", () => Environment.GetEnvironmentVariable("TEST_DATABASE_URL"))))
        .Outputs(() => [TestResultsDirectory])
        .Executes(async () =>
        {
            // Chart and browser tests find their tools through these variables, never through a hand-made PATH.
            var environment = new Dictionary<string, string?>
            {
                ["HELM_EXECUTABLE"] = await Tools.Helm.ResolveAsync(CancellationToken),
                ["CHROMIUM_EXECUTABLE"] = await Tools.Chromium.ResolveAsync(CancellationToken),
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
            };
            Log.Info("helm: {0}; chromium: {1}", environment["HELM_EXECUTABLE"], environment["CHROMIUM_EXECUTABLE"]);
            if (Directory.Exists(TestResultsDirectory))
            {
                Directory.Delete(TestResultsDirectory, recursive: true);
            }

            var failures = new List<string>();
            foreach (var project in TestProjects())
            {
                var name = Path.GetFileNameWithoutExtension(project);
                var trx = TestResultsDirectory / $"{name}.trx";
                var run = await ProcessRunner.RunAsync(
                    new ProcessSpec("dotnet", [
                        "test", project, "--no-build", "--no-restore", "-c", Configuration.ToString(), "--nologo",
                        "--logger", $"trx;LogFileName={trx.Name}", "--results-directory", TestResultsDirectory,
                        "--collect", "XPlat Code Coverage", "--", "DataCollectionRunSettings.DataCollectors.DataCollector.Configuration.Format=cobertura",
                    ])
                    { Environment = environment, AllowFailure = true },
                    CancellationToken);

                if (!trx.Exists)
                {
                    failures.Add($"{name}: no test results (dotnet test exited with {run.ExitCode})");
                    continue;
                }

                var report = TestReport.ReadTrx(trx);
                Summary.AddTestResults(report.Passed, report.Failed, report.Skipped);
                Summary.Add($"{name}: {report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped");
                failures.AddRange(report.FailedTests.Select(t => $"{name}: {t}"));
                if (run.ExitCode != 0 && report.Failed == 0)
                {
                    failures.Add($"{name}: dotnet test exited with {run.ExitCode}");
                }
            }

            if (failures.Count > 0)
            {
                throw new TargetFailedException($"{failures.Count} test failure(s):\n  " + string.Join("\n  ", failures));
            }
        });

    /// <summary>The solution's *.Tests projects, minus those run by later stages.</summary>
    IEnumerable<AbsolutePath> TestProjects() =>
        XDocument.Load(Solution).Descendants("Project")
            .Select(p => (string?)p.Attribute("Path"))
            .OfType<string>()
            .Where(path => path.EndsWith(".Tests.csproj", StringComparison.Ordinal))
            .Where(path => !TestProjectsRunByLaterStages.Contains(Path.GetFileNameWithoutExtension(path)))
            .Select(path => RootDirectory / path);
}
