using Engine;

namespace Tools;

/// <summary>Typed wrapper over <see cref="ProcessRunner"/> for the dotnet CLI.</summary>
public static class DotNet
{
    /// <summary>Runs <c>dotnet</c> with these arguments, telemetry and first-run noise off.</summary>
    public static Task<ProcessResult> RunAsync(params string[] arguments) => RunAsync(Spec(arguments));

    public static Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync(spec, cancellationToken);

    /// <summary>A spec to adjust with <c>with { … }</c> before running it.</summary>
    public static ProcessSpec Spec(params string[] arguments) => new("dotnet", arguments)
    {
        Environment = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        },
    };

    public static Task<ProcessResult> RestoreAsync(string projectOrSolution) =>
        RunAsync("restore", projectOrSolution, "--nologo", "-v", "quiet");

    public static Task<ProcessResult> BuildAsync(
        string projectOrSolution, string configuration, IReadOnlyDictionary<string, string>? properties = null, bool noRestore = true) =>
        RunAsync([
            "build", projectOrSolution, "--nologo", "-c", configuration, "-v", "quiet", "-clp:NoSummary",
            .. (noRestore ? ["--no-restore"] : Array.Empty<string>()),
            .. (properties ?? new Dictionary<string, string>()).Select(p => $"-p:{p.Key}={p.Value}"),
        ]);

    /// <summary>The build's one way to run a test project: <c>dotnet test</c> writing a TRX to <paramref name="trx"/>
    /// (a stale one is deleted first), read back into a <see cref="TestReport"/>. A failing test exits non-zero; that
    /// is returned, not thrown, so the caller reports which tests failed from the TRX.</summary>
    /// <param name="options">More <c>dotnet test</c> options, after the project's (e.g. <c>-c Release</c>, <c>--no-build</c>).</param>
    /// <param name="environment">Variables for the test run (e.g. the URL a suite tests), beside the CLI's quiet defaults.</param>
    public static async Task<TestRun> TestAsync(
        string project, AbsolutePath trx, IReadOnlyList<string> options,
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trx);
        var resultsDirectory = trx.Parent ?? throw new ArgumentException($"{trx} has no directory", nameof(trx));
        Directory.CreateDirectory(resultsDirectory);
        File.Delete(trx);
        var spec = Spec([
            "test", project, "--nologo", "--logger", $"trx;LogFileName={trx.Name}", "--results-directory", resultsDirectory, .. options,
        ]);
        var variables = new Dictionary<string, string?>(spec.Environment!);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            variables[name] = value;
        var result = await RunAsync(spec with { Environment = variables, AllowFailure = true }, cancellationToken);
        return new TestRun(Path.GetFileNameWithoutExtension(project), trx, result, trx.Exists ? TestReport.ReadTrx(trx) : null);
    }
}

/// <summary>One <c>dotnet test</c> run: its exit, and its TRX's report (null when it wrote none, e.g. the build failed).</summary>
public sealed record TestRun(string Name, AbsolutePath Trx, ProcessResult Result, TestReport? Report)
{
    /// <summary>Every way the run failed, one line each, named by <see cref="Name"/>: failed tests, no results, or a
    /// non-zero exit no failed test explains. Empty when it passed.</summary>
    public IReadOnlyList<string> Failures =>
        Report is null
            ? [$"{Name}: no test results (dotnet test exited with {Result.ExitCode})"]
            : [
                .. Report.FailedTests.Select(test => $"{Name}: {test}"),
                .. Result.ExitCode != 0 && Report.Failed == 0
                    ? [$"{Name}: dotnet test exited with {Result.ExitCode}"]
                    : Array.Empty<string>(),
            ];
}
