namespace Engine;

/// <summary>Everything one running build shares with the static <see cref="Log"/> and <see cref="ProcessRunner"/>:
/// where output goes, which secrets to mask, the audit log, the running target. Held in an AsyncLocal, so builds run
/// in-process by tests never see each other's state.</summary>
internal sealed class BuildSession
{
    private static readonly AsyncLocal<BuildSession?> CurrentSession = new();
    private readonly Lock _outputLock = new();

    public BuildSession(
        AbsolutePath rootDirectory, TextWriter output, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        RootDirectory = rootDirectory;
        Output = output;
        Environment = environment;
        CancellationToken = cancellationToken;
    }

    /// <summary>The session of the build running on this async flow, or a console-only one outside any build.</summary>
    public static BuildSession Current => CurrentSession.Value ?? Detached;

    private static BuildSession Detached { get; } =
        new(new AbsolutePath(Directory.GetCurrentDirectory()), Console.Out, ProcessEnvironment(), CancellationToken.None);

    public AbsolutePath RootDirectory { get; }

    public TextWriter Output { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public CancellationToken CancellationToken { get; }

    public Redactor Redactor { get; } = new();

    public AuditLog? Audit { get; set; }

    public BuildSummary Summary { get; } = new();

    public string? CurrentTarget { get; set; }

    /// <summary>The targets of the running build and how each one ended, for <see cref="BuildBase.Succeeded"/>.</summary>
    internal TargetGraph? Graph { get; set; }

    internal Dictionary<TargetDefinition, TargetStatus> Outcomes { get; } = [];

    /// <summary>The targets this build will run (the plan less --skip), known before the first requirement is checked.</summary>
    internal HashSet<TargetDefinition> Scheduled { get; } = [];

    /// <summary>--force: null forces every target (bare --force), otherwise the named ones; empty when not given.</summary>
    internal HashSet<string>? Forced { get; set; } = [];

    internal bool IsForced(string? target) => Forced is null || (target is not null && Forced.Contains(target));

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    public bool IsCi => Environment.TryGetValue("CI", out var ci) && ci.Equals("true", StringComparison.OrdinalIgnoreCase);

    public static Dictionary<string, string> ProcessEnvironment() => System.Environment.GetEnvironmentVariables()
        .Cast<System.Collections.DictionaryEntry>()
        .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");

    public static IDisposable Enter(BuildSession session)
    {
        var previous = CurrentSession.Value;
        CurrentSession.Value = session;
        return new Scope(() => CurrentSession.Value = previous);
    }

    /// <summary>Writes one line, redacted, prefixed with the running target's name.</summary>
    public void WriteLine(string text, string? marker = null) =>
        WriteRaw($"{(CurrentTarget is null ? "" : $"[{CurrentTarget}] ")}{marker}{text}");

    /// <summary>Writes engine output (headers, tables) without a target prefix, still redacted.</summary>
    public void WriteRaw(string text)
    {
        var redacted = Redactor.Redact(text);
        lock (_outputLock)
        {
            Output.WriteLine(redacted);
            Output.Flush();
        }
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
