namespace Build.Tests.Engine;

/// <summary>Build output that tells when a line containing some text has been written, so a test can wait for a
/// heartbeat instead of hoping a timer fires within a fixed sleep on a busy machine.</summary>
sealed class WatchingWriter(string awaited) : StringWriter
{
    public TaskCompletionSource Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (value?.Contains(awaited, StringComparison.Ordinal) == true)
        {
            Seen.TrySetResult();
        }
    }
}
