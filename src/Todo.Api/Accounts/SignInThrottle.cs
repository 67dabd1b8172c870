using Microsoft.Extensions.Caching.Memory;
using Todo.Api.Hosting;

namespace Todo.Api.Accounts;

/// <summary>
/// Counts failed sign-ins per normalised email (AUTH_FAILURES_PER_ACCOUNT in AUTH_FAILURE_WINDOW_MINUTES, 10 in 15 by
/// default), whatever address they come from, so a guesser spreading attempts over many addresses still gets only a
/// few tries per account. Unknown emails are counted exactly like known ones, so the answer never tells them apart.
/// The count lives in each replica's memory: with N replicas a guesser gets at most N times the allowance.
/// </summary>
public sealed class SignInThrottle(IMemoryCache cache, TodoSettings settings, TimeProvider time)
{
    /// <summary>How long until the next attempt is allowed, or null when it is allowed now.</summary>
    public TimeSpan? RetryAfter(string normalizedEmail)
    {
        if (!cache.TryGetValue(Key(normalizedEmail), out Failures? failures) || failures is null)
        {
            return null;
        }

        lock (failures)
        {
            var now = time.GetUtcNow();
            failures.Forget(now - settings.SignInFailureWindow);
            return failures.Times.Count < settings.SignInFailuresPerAccount
                ? null
                : failures.Times.Peek() + settings.SignInFailureWindow - now;
        }
    }

    public void RecordFailure(string normalizedEmail)
    {
        var failures = cache.GetOrCreate(Key(normalizedEmail), entry =>
        {
            entry.SlidingExpiration = settings.SignInFailureWindow;
            return new Failures();
        })!;
        lock (failures)
        {
            var now = time.GetUtcNow();
            failures.Forget(now - settings.SignInFailureWindow);
            failures.Times.Enqueue(now);
        }
    }

    /// <summary>A correct password clears the account's count.</summary>
    public void Reset(string normalizedEmail) => cache.Remove(Key(normalizedEmail));

    private static string Key(string normalizedEmail) => "sign-in-failures:" + normalizedEmail;

    private sealed class Failures
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public void Forget(DateTimeOffset before)
        {
            while (Times.Count > 0 && Times.Peek() <= before)
            {
                Times.Dequeue();
            }
        }
    }
}
