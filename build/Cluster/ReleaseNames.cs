namespace Cluster;

/// <summary>Object names the chart gives a release: <c>&lt;prefix&gt;-backend</c>, <c>&lt;prefix&gt;-frontend</c>, where the
/// prefix is <c>namePrefix</c> when set, else the release name (the chart's <c>todo-app.namePrefix</c> helper in
/// charts/todo-app/templates/_helpers.tpl). The default release <c>todo</c> gives <c>todo-backend</c>, <c>todo-frontend</c>.</summary>
public sealed record ReleaseNames(string Prefix)
{
    public string FrontendService => $"{Prefix}-frontend";

    public string BackendService => $"{Prefix}-backend";

    /// <summary>The names of release <paramref name="release"/> installed with <paramref name="settings"/> (--helm-set
    /// pairs, where a namePrefix would be set), computed as the chart's helper does: at most 32 characters, no
    /// trailing dash.</summary>
    public static ReleaseNames For(string release, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(release);
        ArgumentNullException.ThrowIfNull(settings);
        var prefix = settings.GetValueOrDefault("namePrefix") is { Length: > 0 } given ? given : release;
        var truncated = prefix[..Math.Min(prefix.Length, 32)];
        return new(truncated.EndsWith('-') ? truncated[..^1] : truncated);
    }
}
