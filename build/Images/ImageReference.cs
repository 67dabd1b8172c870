namespace Images;

/// <summary>An image as the chart names it (<c>&lt;component&gt;.image.repository/tag/digest</c>): the parts stay apart
/// from DockerBuild to HelmInstall, so no stage joins them into one string for the next to split again.</summary>
public sealed record ImageReference(string Repository, string Tag, string? Digest = null)
{
    /// <summary>The one-string form a container runtime takes: <c>repository[:tag][@digest]</c>.</summary>
    public override string ToString() =>
        Repository + (Tag.Length > 0 ? $":{Tag}" : "") + (string.IsNullOrEmpty(Digest) ? "" : $"@{Digest}");

    /// <summary>Splits <c>registry:5000/team/todo-backend:1.2.0-abc@sha256:…</c> into repository, tag and digest; a
    /// port's colon is not a tag's. For references that arrive as one string (a tool's command line).</summary>
    public static ImageReference Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        string? digest = null;
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = reference[(at + 1)..];
            reference = reference[..at];
        }

        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/')
            ? new(reference[..colon], reference[(colon + 1)..], digest)
            : new(reference, "", digest);
    }
}
