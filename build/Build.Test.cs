using Workflows;
using Engine;
using Helm;
using Tools;

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
            .Value("helm", () => HelmCli.ResolveAsync(CancellationToken).GetAwaiter().GetResult().Executable)
            .Value("chromium", () => BuildTools.Chromium.ResolveAsync(CancellationToken).GetAwaiter().GetResult())
            .Value("TEST_DATABASE_URL", () => Environment.GetEnvironmentVariable("TEST_DATABASE_URL"))))
        .Outputs(() => [TestResultsDirectory])
        .Executes(async () =>
        {
            // Chart and browser tests find their tools through these variables, never through a hand-made PATH.
            var environment = new Dictionary<string, string?>
            {
                ["HELM_EXECUTABLE"] = (await HelmCli.ResolveAsync(CancellationToken)).Executable,
                ["CHROMIUM_EXECUTABLE"] = await BuildTools.Chromium.ResolveAsync(CancellationToken),
            };
            Log.Info("helm: {0}; chromium: {1}", environment["HELM_EXECUTABLE"], environment["CHROMIUM_EXECUTABLE"]);
            if (Directory.Exists(TestResultsDirectory))
                Directory.Delete(TestResultsDirectory, recursive: true);

            var failures = new List<string>();
            foreach (var project in TestProjects())
            {
                var run = await DotNet.TestAsync(project, TestResultsDirectory / $"{Path.GetFileNameWithoutExtension(project)}.trx",
                    ["--no-build", "--no-restore", "-c", Configuration.ToString(), "--collect", "XPlat Code Coverage",
                        "--", "DataCollectionRunSettings.DataCollectors.DataCollector.Configuration.Format=cobertura"],
                    environment, CancellationToken);
                if (run.Report is { } report)
                {
                    Summary.AddTestResults(report.Passed, report.Failed, report.Skipped);
                    Summary.Add($"{run.Name}: {report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped");
                }

                failures.AddRange(run.Failures);
            }

            if (failures.Count > 0)
                throw new TargetFailedException($"{failures.Count} test failure(s):\n  " + string.Join("\n  ", failures));
        });

    /// <summary>The solution's *.Tests projects, minus those run by later stages.</summary>
    IEnumerable<AbsolutePath> TestProjects() =>
        SolutionProjects()
            .Where(project => project.Name.EndsWith(".Tests.csproj", StringComparison.Ordinal))
            .Where(project => !TestProjectsRunByLaterStages.Contains(Path.GetFileNameWithoutExtension(project)));
}
