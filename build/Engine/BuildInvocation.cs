namespace Engine;

/// <summary>How a build is run: by <c>Main</c> with the process's arguments and environment, or by a test with its own.</summary>
public sealed class BuildInvocation
{
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Null: the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Null: standard output.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Null: the current directory.</summary>
    public string? RootDirectory { get; init; }

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    public CancellationToken CancellationToken { get; init; }
}
