using Microsoft.Extensions.Logging;

namespace Todo.Api.Tests.Infrastructure;

/// <summary>Every log entry the app writes, for tests that check what an operator would read.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider, ILogger
{
    private readonly List<(LogLevel Level, string Message, bool HasException)> entries = [];

    public IReadOnlyList<(LogLevel Level, string Message, bool HasException)> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (entries)
        {
            entries.Add((logLevel, formatter(state, exception), exception is not null));
        }
    }

    public void Dispose()
    {
        // Nothing held.
    }
}
