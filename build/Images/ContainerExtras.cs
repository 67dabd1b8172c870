namespace Images;

/// <summary>What a container gets beyond its plain settings: secret values (passed to docker by name only), a volume
/// (<c>name:/path</c>) and the arguments after the image (its command).</summary>
public sealed record ContainerExtras
{
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    public string? Volume { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public IReadOnlyDictionary<string, string?> SecretEnvironment() => Secrets.ToDictionary(s => s.Key, s => (string?)s.Value);
}
