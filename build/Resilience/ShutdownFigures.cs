using System.Globalization;

namespace Resilience;

/// <summary>
/// What a graceful shutdown looked like from outside. "Port closed" is the first moment a fresh connection to the
/// backend got no HTTP answer; a request that failed and was sent at or after it never reached a listening server, so
/// it is not the server's fault. The prober only samples, so the listener closed somewhere between the last probe
/// that was answered and that first unanswered one: a failure sent inside that window met the closing listener (its
/// connection may still have been waiting in the kernel's accept queue) and is counted apart, "at the close". A
/// failure sent before the last answered probe is the server's fault: connections are accepted in order, so it was
/// accepted before a probe the server did answer.
/// </summary>
public sealed record ShutdownFigures(
    int Requests,
    int Succeeded,
    int InFlightAtSigterm,
    int InFlightCompleted,
    int FailedBeforePortClosed,
    int FailedAtPortClose,
    int FailedAfterPortClosed,
    TimeSpan? NotReadyAfterSigterm,
    TimeSpan? PortClosedAfterSigterm,
    TimeSpan? LastOpenAfterSigterm,
    TimeSpan ExitedAfterSigterm)
{
    /// <summary>The failures that count against the server, for the report (times relative to SIGTERM).</summary>
    public IReadOnlyList<RequestRecord> EarlyFailures { get; init; } = [];

    /// <summary>Readiness answered 503 before the process went away: a load balancer had time to stop sending.</summary>
    public bool ReadinessDroppedBeforeExit => NotReadyAfterSigterm is { } notReady && notReady < ExitedAfterSigterm;

    public bool Graceful => ReadinessDroppedBeforeExit && InFlightCompleted == InFlightAtSigterm && FailedBeforePortClosed == 0;

    /// <param name="lastOpenAt">The last probe before <paramref name="portClosedAt"/> that got an answer; null: no window.</param>
    public static ShutdownFigures From(IReadOnlyCollection<RequestRecord> records, TimeSpan sigtermAt, TimeSpan? firstNotReadyAt,
        TimeSpan? portClosedAt, TimeSpan exitedAt, TimeSpan? lastOpenAt = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var inFlight = records.Where(record => record.SentAt < sigtermAt && record.EndedAt >= sigtermAt).ToList();
        // The port never seen closed (the prober missed it) means it closed no later than the exit.
        var closedAt = portClosedAt ?? exitedAt;
        var openUntil = lastOpenAt is { } open && open < closedAt ? open : closedAt;
        var early = records.Where(record => record.Failed && record.SentAt < openUntil).OrderBy(record => record.SentAt).ToList();
        return new ShutdownFigures(
            Requests: records.Count,
            Succeeded: records.Count(record => record.Succeeded),
            InFlightAtSigterm: inFlight.Count,
            InFlightCompleted: inFlight.Count(record => record.Succeeded),
            FailedBeforePortClosed: early.Count,
            FailedAtPortClose: records.Count(record => record.Failed && record.SentAt >= openUntil && record.SentAt < closedAt),
            FailedAfterPortClosed: records.Count(record => record.Failed && record.SentAt >= closedAt),
            NotReadyAfterSigterm: firstNotReadyAt - sigtermAt,
            PortClosedAfterSigterm: portClosedAt - sigtermAt,
            LastOpenAfterSigterm: openUntil < closedAt ? openUntil - sigtermAt : null,
            ExitedAfterSigterm: exitedAt - sigtermAt)
        {
            EarlyFailures = [.. early.Select(record
                => record with { SentAt = record.SentAt - sigtermAt, EndedAt = record.EndedAt - sigtermAt })],
        };
    }

    public IEnumerable<string> Lines() =>
    [
        Line($"requests {Requests}, 2xx {Succeeded}; in flight at SIGTERM {InFlightAtSigterm}, of which completed {InFlightCompleted}"),
        Line($"failed before the port closed {FailedBeforePortClosed}, at the close {FailedAtPortClose} (sent between the last answered ")
            + Line($"probe at {Ms(LastOpenAfterSigterm)} and the first unanswered one), ")
            + Line($"after it closed {FailedAfterPortClosed} (sent to no listener)"),
        .. EarlyFailures.Take(5).Select(record =>
            Line($"  failed early: sent {Ms(record.SentAt)}, ended {Ms(record.EndedAt)} after SIGTERM: ")
                + Line($"{(record.Status is { } status ? $"HTTP {status}" : record.Error)}")),
        Line($"after SIGTERM: readiness 503 at {Ms(NotReadyAfterSigterm)}, port closed at {Ms(PortClosedAfterSigterm)}, process exited at ")
            + Line($"{Ms(ExitedAfterSigterm)}"),
        Line($"readiness dropped before exit: {(ReadinessDroppedBeforeExit ? "yes" : "NO")}; graceful: {(Graceful ? "yes" : "NO")}"),
    ];

    static string Ms(TimeSpan? value) => value is { } time ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:F0} ms")
        : "never seen";

    static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
