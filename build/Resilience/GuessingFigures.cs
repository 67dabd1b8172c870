using System.Globalization;

namespace Resilience;

/// <summary>
/// A password-guessing burst through the frontend in numbers: how the wrong guesses were answered, after how many the
/// account was locked (429), and whether another user's correct sign-in made during the burst got through. The
/// backend counts failures per email in each replica's memory, so the bar is replicas × the per-account allowance.
/// </summary>
public sealed record GuessingFigures(
    int Guesses,
    IReadOnlyDictionary<int, int> ByStatus,
    int? FirstLockedAt,
    int LegitimateStatus,
    TimeSpan LegitimateTook,
    int AllowedGuesses)
{
    public bool LimitHeld => FirstLockedAt is { } attempt && attempt <= AllowedGuesses + 1 && !ByStatus.ContainsKey(200);

    public bool LegitimateUserSignedIn => LegitimateStatus == 200;

    /// <param name="statuses">The status of each guess, in the order they were sent.</param>
    public static GuessingFigures From(IReadOnlyList<int> statuses, int legitimateStatus, TimeSpan legitimateTook, int allowedGuesses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var firstLocked = statuses.Select((status, index) => (status, index)).FirstOrDefault(s => s.status == 429);
        return new GuessingFigures(
            statuses.Count,
            statuses.GroupBy(s => s).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            firstLocked.status == 429 ? firstLocked.index + 1 : null,
            legitimateStatus,
            legitimateTook,
            allowedGuesses);
    }

    public IEnumerable<string> Lines()
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"guesses {Guesses}, each with a different X-Forwarded-For: {string.Join(", ", ByStatus.Select(s => $"{s.Value} × {s.Key}"))}");
        yield return FirstLockedAt is { } attempt
            ? string.Create(CultureInfo.InvariantCulture,
                $"locked (429 with Retry-After) from guess {attempt} on (bar: by guess {AllowedGuesses + 1})")
            : "never locked";
        yield return string.Create(CultureInfo.InvariantCulture,
            $"another user's correct sign-in during the burst: {LegitimateStatus} in {LegitimateTook.TotalMilliseconds:F0} ms");
    }
}
