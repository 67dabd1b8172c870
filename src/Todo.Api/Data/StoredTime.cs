namespace Todo.Api.Data;

public static class StoredTime
{
    /// <summary>
    /// Now, cut to whole milliseconds: the precision both databases keep (PostgreSQL µs, the SQLite encoding ~0.1 ms),
    /// so the timestamps an API call returns equal the ones a later read returns.
    /// </summary>
    public static DateTimeOffset GetStoredNow(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
