using System.Globalization;

namespace Resilience;

/// <summary>
/// A database restart under a write load, judged by durability: every write the backend acknowledged with a 2xx must
/// be readable afterwards, every write sent once the database was back must succeed (the restart broke each pooled
/// connection, and none of them may fail a request), and the backend must be ready again soon after the database is.
/// </summary>
public sealed record RestartFigures(
    int Writes,
    int Acknowledged,
    int Refused,
    IReadOnlyList<RequestRecord> LostWrites,
    IReadOnlyList<RequestRecord> FailedOnceBack,
    TimeSpan? ReadyAgainAfterDatabase,
    TimeSpan ReadyBudget)
{
    public bool Durable => LostWrites.Count == 0;

    public bool NoFailureOnceBack => FailedOnceBack.Count == 0;

    public bool RecoveredInTime => ReadyAgainAfterDatabase is { } after && after <= ReadyBudget;

    /// <param name="records">The write load.</param>
    /// <param name="stored">Task id → title, read back after the load.</param>
    /// <param name="databaseUpAt">When the restarted database accepted connections again.</param>
    /// <param name="readyAgainAt">The first 200 from the backend's readiness at or after <paramref name="databaseUpAt"/>.</param>
    public static RestartFigures From(IReadOnlyCollection<RequestRecord> records, IReadOnlyDictionary<int, string> stored,
        TimeSpan databaseUpAt, TimeSpan? readyAgainAt, TimeSpan readyBudget)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(stored);
        var acknowledged = records.Where(record => record.Succeeded).ToList();
        var lost = acknowledged
            .Where(record => record.CreatedTaskId is not { } id || !stored.TryGetValue(id, out var title) || title != record.Title)
            .ToList();
        var failedOnceBack = records.Where(record => record.SentAt >= databaseUpAt && record.Failed).ToList();
        return new RestartFigures(records.Count, acknowledged.Count, records.Count - acknowledged.Count, lost, failedOnceBack,
            readyAgainAt is { } ready ? (ready > databaseUpAt ? ready - databaseUpAt : TimeSpan.Zero) : null, readyBudget);
    }

    public IEnumerable<string> Lines() =>
    [
        string.Create(CultureInfo.InvariantCulture,
            $"writes {Writes}, acknowledged (2xx) {Acknowledged}, refused during the restart {Refused}"),
        string.Create(CultureInfo.InvariantCulture,
            $"acknowledged writes missing afterwards: {LostWrites.Count}{Examples(Durable, LostWrites, record => record.Title)}"),
        string.Create(CultureInfo.InvariantCulture,
            $"writes failed once the database was back: {FailedOnceBack.Count}{Examples(NoFailureOnceBack, FailedOnceBack, FailureOf)}"),
        ReadyAgainAfterDatabase is { } after
            ? string.Create(CultureInfo.InvariantCulture,
                $"backend ready {after.TotalMilliseconds:F0} ms after the database was back (budget {ReadyBudget.TotalSeconds:F0} s): "
                    + $"{(RecoveredInTime ? "yes" : "NO")}")
            : string.Create(CultureInfo.InvariantCulture,
                $"backend NOT ready again within the observation window (budget {ReadyBudget.TotalSeconds:F0} s)"),
    ];

    static string? FailureOf(RequestRecord record) => record.Status?.ToString(CultureInfo.InvariantCulture) ?? record.Error;

    /// <summary>Nothing when all is well, else the first five, enough to look them up in the output above.</summary>
    static string Examples<T>(bool allWell, IEnumerable<T> records, Func<T, string?> describe) =>
        allWell ? "" : $" ({string.Join(", ", records.Take(5).Select(describe))})";
}
