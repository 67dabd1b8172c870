using k8s;

namespace Helm;

/// <summary>Everything short of a cluster that can prove the chart for one profile: <c>helm lint --strict</c>,
/// <c>helm template</c> (twice, for the secret rule), a strict typed parse of every object, then <see cref="ChartPolicy"/>.</summary>
public sealed class ChartVerification(HelmCli helm, string chartDirectory)
{
    public const string ReleaseName = "todo";
    public const string Namespace = "todo";

    public string ChartDirectory { get; } = chartDirectory;

    public async Task<ProfileVerdict> VerifyAsync(ChartProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var failures = new List<string>();
        var lint = await helm.LintAsync(ChartDirectory, profile.Values, cancellationToken);
        if (lint.ExitCode != 0)
        {
            failures.Add($"helm lint --strict failed:\n{Indent(lint.StandardOutput + lint.StandardError)}");
        }

        RenderedManifest first, second;
        try
        {
            first = await RenderAsync(profile.Values, cancellationToken);
            second = await RenderAsync(profile.Values, cancellationToken);
        }
        catch (ChartRenderException e)
        {
            return new ProfileVerdict(profile, [.. failures, e.Message], 0);
        }
        catch (ManifestParseException e)
        {
            return new ProfileVerdict(profile, [.. failures, $"strict parse: {e.Message}"], 0);
        }

        var violations = ChartPolicy.Check(Objects(first), Objects(second));
        failures.AddRange(violations.Select(v => v.ToString()));
        return new ProfileVerdict(profile, failures, first.Objects.Count);
    }

    /// <summary><c>helm template</c> then the strict parse. Throws <see cref="ChartRenderException"/> with helm's
    /// message when helm refuses (schema, a failed <c>required</c>), <see cref="ManifestParseException"/> when an
    /// object does not fit its type.</summary>
    public Task<RenderedManifest> RenderAsync(ChartValues values, CancellationToken cancellationToken = default) =>
        RenderAsync(ReleaseName, values, cancellationToken);

    /// <summary>As <see cref="RenderAsync(ChartValues, CancellationToken)"/>, for release <paramref name="releaseName"/>.</summary>
    public async Task<RenderedManifest> RenderAsync(string releaseName, ChartValues values, CancellationToken cancellationToken = default)
    {
        var result = await helm.TemplateAsync(releaseName, ChartDirectory, Namespace, values, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new ChartRenderException($"helm template failed:\n{Indent(result.StandardError.Trim())}");
        }

        return RenderedManifest.ParseStrict(result.StandardOutput);
    }

    private static List<IKubernetesObject> Objects(RenderedManifest manifest) => [.. manifest.Objects.Select(o => o.Resource)];

    private static string Indent(string text) =>
        string.Join('\n', text.Trim().Split('\n').Select(line => "    " + line));
}

/// <summary>The outcome for one profile; empty <see cref="Failures"/> means it passed.</summary>
public sealed record ProfileVerdict(ChartProfile Profile, IReadOnlyList<string> Failures, int ObjectCount)
{
    public bool Passed => Failures.Count == 0;
}

public sealed class ChartRenderException : Exception
{
    public ChartRenderException()
    {
    }

    public ChartRenderException(string message)
        : base(message)
    {
    }

    public ChartRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
