using System.Globalization;

namespace Helm;

/// <summary>What one install asks of helm. Secrets have no field here on purpose: they reach the release through the
/// Secret named in the generated values, so no helm command line can carry one.</summary>
public sealed record HelmInstallRequest(
    string Release,
    string ChartDirectory,
    string Namespace,
    string KubeContext,
    string? ProfileValuesFile,
    string GeneratedValuesFile,
    TimeSpan Timeout,
    int HelmMajorVersion,
    bool HelmWaits = true)
{
    /// <summary>--helm-set pairs, passed as helm's own --set after every values file (so they win, as on the command line).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}

/// <summary>The helm command lines of the cluster stages, as pure functions of their inputs.</summary>
public static class HelmCommands
{
    /// <summary><c>helm upgrade --install</c> that rolls back on failure and waits for readiness. Helm 4 renamed
    /// <c>--atomic</c> to <c>--rollback-on-failure</c> (the old name only warns) and made <c>--wait</c> take a strategy.</summary>
    public static IReadOnlyList<string> UpgradeInstall(HelmInstallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<string> arguments =
        [
            "upgrade", "--install", request.Release, request.ChartDirectory,
            "--namespace", request.Namespace,
            "--kube-context", request.KubeContext,
        ];
        if (request.ProfileValuesFile is not null)
        {
            arguments.AddRange(["--values", request.ProfileValuesFile]);
        }

        // Later files win: the generated overrides (image references, pullPolicy) must beat the profile.
        arguments.AddRange(["--values", request.GeneratedValuesFile]);
        foreach (var (key, value) in request.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            arguments.AddRange(["--set", $"{key}={value}"]);
        }

        if (request.HelmWaits)
        {
            arguments.AddRange(request.HelmMajorVersion >= 4
                ? ["--rollback-on-failure", "--wait=watcher"]
                : ["--atomic", "--wait"]);
        }

        // Without --wait, --timeout still bounds helm's hooks and each Kubernetes operation.
        arguments.AddRange(["--timeout", Seconds(request.Timeout)]);
        return arguments;
    }

    /// <summary><c>helm test</c> with the test pod's logs, so a failing probe explains itself.</summary>
    public static IReadOnlyList<string> Test(string release, string ns, string kubeContext, TimeSpan timeout) =>
        ["test", release, "--namespace", ns, "--kube-context", kubeContext, "--logs", "--timeout", Seconds(timeout)];

    public static IReadOnlyList<string> Uninstall(string release, string ns, string kubeContext, TimeSpan timeout) =>
        ["uninstall", release, "--namespace", ns, "--kube-context", kubeContext, "--wait", "--timeout", Seconds(timeout)];

    /// <summary>What <c>--atomic</c> would have done when the build waited itself and the rollout failed: roll an
    /// upgrade back to the previous revision (<c>helm rollback RELEASE</c> without a revision, Helm docs
    /// "helm rollback"), or uninstall a release that did not exist before. Without <c>--wait</c>, for the same reason
    /// the install went without it (<see cref="HelmWaitPlan"/>).</summary>
    public static IReadOnlyList<string> UndoFailedInstall(string release, string ns, string kubeContext, bool releaseExistedBefore,
        TimeSpan timeout) =>
        releaseExistedBefore
            ? ["rollback", release, "--namespace", ns, "--kube-context", kubeContext, "--timeout", Seconds(timeout)]
            : ["uninstall", release, "--namespace", ns, "--kube-context", kubeContext, "--timeout", Seconds(timeout)];

    public static IReadOnlyList<string> Status(string release, string ns, string kubeContext) =>
        ["status", release, "--namespace", ns, "--kube-context", kubeContext];

    /// <summary>The major version from <c>helm version --short</c> (<c>v4.2.3+g43e8b7f</c>, <c>v3.18.0+g…</c>).</summary>
    public static int MajorVersion(string versionOutput)
    {
        ArgumentNullException.ThrowIfNull(versionOutput);
        var text = versionOutput.Trim().TrimStart('v');
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && int.TryParse(text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            ? major
            : throw new FormatException($"'{versionOutput.Trim()}' does not look like helm's version (expected v4.2.3 or similar)");
    }

    static string Seconds(TimeSpan timeout) =>
        ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
}
