namespace Engine;

/// <summary>One external command for <see cref="ProcessRunner"/>.</summary>
public sealed record ProcessSpec(string Executable, IReadOnlyList<string> Arguments)
{
    /// <summary>Defaults to the build's root directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Added to (or, with a null value, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Capture output without streaming it (it still appears in a failure's message).</summary>
    public bool Quiet { get; init; }

    /// <summary>Return a non-zero exit code instead of throwing <see cref="ProcessFailedException"/>.</summary>
    public bool AllowFailure { get; init; }

    public TimeSpan? Timeout { get; init; }

    /// <summary>The command line as a person would type it (not redacted: the runner redacts before printing).</summary>
    public string CommandLine => string.Join(' ', Arguments.Prepend(Executable).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$' or '`' or '\\' or ';' or '&' or '|')
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration);

/// <summary>A command failed: the message holds the (redacted) command line, the exit code and its last lines of output.</summary>
public sealed class ProcessFailedException(string commandLine, int? exitCode, string outputTail, Exception? innerException = null)
    : Exception(Describe(commandLine, exitCode, outputTail), innerException)
{
    public string CommandLine { get; } = commandLine;

    /// <summary>Null when the process could not be started or was stopped (timeout, cancellation).</summary>
    public int? ExitCode { get; } = exitCode;

    public string OutputTail { get; } = outputTail;

    private static string Describe(string commandLine, int? exitCode, string outputTail) =>
        (exitCode is { } code ? $"'{commandLine}' exited with code {code}." : $"'{commandLine}' did not complete.")
        + (outputTail.Length > 0 ? $"\nLast lines of output:\n{outputTail}" : "");
}
