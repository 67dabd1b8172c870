using Engine;
using Tools;

namespace Helm;

/// <summary>The build's one wrapper over the helm CLI (v3.8+ or v4), through the engine's process runner: what works
/// without a cluster (lint, template, package) and the release verbs of the cluster stages, whose command lines
/// <see cref="HelmCommands"/> builds as pure functions.</summary>
public sealed class HelmCli(string executable)
{
    public string Executable { get; } = executable;

    /// <summary>The one place helm is set up: the provisioned executable (on PATH, else the pinned one fetched into
    /// .nuke/temp/tools; see <see cref="BuildTools.Helm"/>).</summary>
    public static async Task<HelmCli> ResolveAsync(CancellationToken cancellationToken) =>
        new(await BuildTools.Helm.ResolveAsync(cancellationToken));

    /// <summary>The major version helm reports (3 or 4): some flags differ between them.</summary>
    public async Task<int> MajorVersionAsync(CancellationToken cancellationToken) =>
        HelmCommands.MajorVersion((await RunAsync(["version", "--short"], cancellationToken: cancellationToken)).StandardOutput);

    /// <summary>Whether <paramref name="release"/> exists in the namespace (<c>helm status</c> succeeds).</summary>
    public async Task<bool> ReleaseExistsAsync(string release, string ns, string kubeContext, CancellationToken cancellationToken) =>
        (await RunAsync(HelmCommands.Status(release, ns, kubeContext), allowFailure: true, cancellationToken)).ExitCode == 0;

    /// <summary><c>helm upgrade --install</c>, its output shown, bounded a little beyond helm's own timeout.</summary>
    public Task<ProcessResult> UpgradeInstallAsync(HelmInstallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Verb(HelmCommands.UpgradeInstall(request), request.Timeout + TimeSpan.FromMinutes(2), cancellationToken);
    }

    public Task<ProcessResult> UndoFailedInstallAsync(
        string release, string ns, string kubeContext, bool releaseExistedBefore, TimeSpan timeout, CancellationToken cancellationToken) =>
        Verb(HelmCommands.UndoFailedInstall(release, ns, kubeContext, releaseExistedBefore, timeout), timeout + TimeSpan.FromMinutes(2),
            cancellationToken);

    public Task<ProcessResult> UninstallAsync(
        string release, string ns, string kubeContext, TimeSpan timeout, CancellationToken cancellationToken) =>
        Verb(HelmCommands.Uninstall(release, ns, kubeContext, timeout), timeout + TimeSpan.FromMinutes(2), cancellationToken);

    /// <summary><c>helm test</c> with the test pod's logs; a failing test throws.</summary>
    public Task<ProcessResult> TestAsync(
        string release, string ns, string kubeContext, TimeSpan timeout, CancellationToken cancellationToken) =>
        Verb(HelmCommands.Test(release, ns, kubeContext, timeout), timeout + TimeSpan.FromMinutes(2), cancellationToken);

    /// <summary><c>helm lint --strict</c>: warnings fail too. Returns the result instead of throwing, so the caller
    /// can name the profile in its own message.</summary>
    public Task<ProcessResult> LintAsync(string chartDirectory, ChartValues values, CancellationToken cancellationToken = default) =>
        RunAsync(["lint", "--strict", chartDirectory, .. values.Arguments], allowFailure: true, cancellationToken);

    /// <summary><c>helm template</c>: the manifests a real install would apply, hooks and tests included.</summary>
    public Task<ProcessResult> TemplateAsync(
        string releaseName, string chartDirectory, string @namespace, ChartValues values, CancellationToken cancellationToken = default) =>
        RunAsync(["template", releaseName, chartDirectory, "--namespace", @namespace, .. values.Arguments], allowFailure: true,
            cancellationToken);

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

    // The release verbs show helm's output as it comes (the user watches an install) and throw on failure.
    Task<ProcessResult> Verb(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(new ProcessSpec(Executable, arguments) { Timeout = timeout }, cancellationToken);
}
