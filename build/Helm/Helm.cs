using Engine;

namespace Charts;

/// <summary>Typed wrapper over the build's one process runner for the helm CLI (v3.8+ or v4). Only what works
/// without a cluster lives here today: lint, template, package.</summary>
public sealed class Helm(string executable)
{
    public string Executable { get; } = executable;

    /// <summary><c>helm lint --strict</c>: warnings fail too. Returns the result instead of throwing, so the caller
    /// can name the profile in its own message.</summary>
    public Task<ProcessResult> LintAsync(string chartDirectory, ChartValues values, CancellationToken cancellationToken = default) =>
        RunAsync(["lint", "--strict", chartDirectory, .. values.Arguments], allowFailure: true, cancellationToken);

    /// <summary><c>helm template</c>: the manifests a real install would apply, hooks and tests included.</summary>
    public Task<ProcessResult> TemplateAsync(
        string releaseName, string chartDirectory, string @namespace, ChartValues values, CancellationToken cancellationToken = default) =>
        RunAsync(["template", releaseName, chartDirectory, "--namespace", @namespace, .. values.Arguments], allowFailure: true, cancellationToken);

    /// <summary><c>helm package</c> with version and appVersion stamped; answers the path of the .tgz.</summary>
    public async Task<string> PackageAsync(
        string chartDirectory, string destination, string version, string appVersion, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(destination);
        var result = await RunAsync(
            ["package", chartDirectory, "--version", version, "--app-version", appVersion, "--destination", destination],
            allowFailure: false,
            cancellationToken);

        // helm prints "Successfully packaged chart and saved it to: <path>".
        const string marker = "saved it to: ";
        var line = result.StandardOutput.Split('\n').LastOrDefault(l => l.Contains(marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"helm package did not say where it saved the chart:\n{result.StandardOutput}");
        return line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim();
    }

    public Task<ProcessResult> RunAsync(
        IReadOnlyList<string> arguments, bool allowFailure = false, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync(
            new ProcessSpec(Executable, arguments) { Quiet = true, AllowFailure = allowFailure, Timeout = TimeSpan.FromMinutes(2) },
            cancellationToken);
}
