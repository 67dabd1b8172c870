namespace Engine;

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

    public static Task<ProcessResult> BuildAsync(string projectOrSolution, string configuration, IReadOnlyDictionary<string, string>? properties = null, bool noRestore = true) =>
        RunAsync([
            "build", projectOrSolution, "--nologo", "-c", configuration, "-v", "quiet", "-clp:NoSummary",
            .. (noRestore ? ["--no-restore"] : Array.Empty<string>()),
            .. (properties ?? new Dictionary<string, string>()).Select(p => $"-p:{p.Key}={p.Value}"),
        ]);
}
