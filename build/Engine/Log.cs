using System.Diagnostics;
using System.Globalization;

namespace Engine;

/// <summary>Build output: every line is prefixed with the running target's name and has secrets redacted.</summary>
public static class Log
{
    public static void Info(string message, params object?[] args) => Write(message, args, null);

    public static void Warn(string message, params object?[] args) => Write(message, args, "warning: ");

    public static void Error(string message, params object?[] args) => Write(message, args, "error: ");

    public static void Success(string message, params object?[] args) => Write(message, args, "ok: ");

    /// <summary>Marks a value as secret for the rest of the build (e.g. a generated password): it is redacted from
    /// every later log line and audit entry. [Secret] parameters are registered automatically.</summary>
    public static void AddSecret(string? value) => BuildSession.Current.Redactor.Add(value);

    /// <summary>While the returned object lives, a heartbeat line shows the elapsed time of <paramref name="activity"/>
    /// every so often (30 s by default), so long quiet work does not look hung.</summary>
    public static IDisposable Progress(string activity) => new Heartbeat(BuildSession.Current, activity);

    private static void Write(string message, object?[] args, string? marker)
    {
        var text = args.Length == 0 ? message : string.Format(CultureInfo.InvariantCulture, message, args);
        BuildSession.Current.WriteLine(text, marker);
    }
}

/// <summary>Writes "… activity (elapsed)" at the session's interval until disposed; never after Dispose returns,
/// so no heartbeat can land below the summary.</summary>
internal sealed class Heartbeat : IDisposable
{
    private readonly Lock _lock = new();
    private readonly BuildSession _session;
    private readonly string _line;
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly Timer _timer;
    private bool _stopped;

    public Heartbeat(BuildSession session, string activity)
    {
        _session = session;
        _line = $"{(session.CurrentTarget is null ? "" : $"[{session.CurrentTarget}] ")}… {activity}";
        _timer = new Timer(_ => Beat(), null, session.HeartbeatInterval, session.HeartbeatInterval);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopped = true;
        }

        _timer.Dispose();
    }

    private void Beat()
    {
        lock (_lock)
        {
            if (!_stopped)
            {
                _session.WriteRaw($"{_line} ({Duration.Format(_stopwatch.Elapsed)})");
            }
        }
    }
}

internal static class Duration
{
    public static string Format(TimeSpan duration) => duration.TotalHours >= 1
        ? duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : duration.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
