using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Todo.Hosting;

/// <summary>How long a host keeps serving after SIGTERM: SHUTDOWN_DRAIN_SECONDS (5 by default, 0–300).</summary>
public sealed record ShutdownDrainPeriod(TimeSpan Duration)
{
    public const string ConfigurationKey = "SHUTDOWN_DRAIN_SECONDS";
    private const int DefaultSeconds = 5;
    private const int MaxSeconds = 300;

    public static ShutdownDrainPeriod From(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new ShutdownDrainPeriod(TimeSpan.FromSeconds(DefaultSeconds));
        }

        return int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= MaxSeconds
            ? new ShutdownDrainPeriod(TimeSpan.FromSeconds(seconds))
            : throw new InvalidOperationException(
                $"{ConfigurationKey} must be a whole number of seconds from 0 to {MaxSeconds}, not '{value}'.");
    }
}
