using System.Globalization;

namespace Todo.Web.Client.Components;

/// <summary>How the UI words a point in time or a due date: relative when close, a short date when not.</summary>
public static class Moment
{
    public static string Describe(DateTimeOffset when, DateTimeOffset? now = null)
    {
        var elapsed = (now ?? DateTimeOffset.UtcNow) - when;
        if (elapsed < TimeSpan.FromMinutes(1))
            return "just now";
        if (elapsed < TimeSpan.FromHours(1))
            return $"{(int)elapsed.TotalMinutes} min ago";
        if (elapsed < TimeSpan.FromDays(1))
            return $"{(int)elapsed.TotalHours} h ago";
        return when.ToLocalTime().ToString("MMM d", CultureInfo.InvariantCulture);
    }

    public static string DescribeDue(DateOnly due, DateOnly today) => (due.DayNumber - today.DayNumber) switch
    {
        < -1 => $"Overdue · {due.ToString("MMM d", CultureInfo.InvariantCulture)}",
        -1 => "Yesterday",
        0 => "Today",
        1 => "Tomorrow",
        < 7 => due.ToString("dddd", CultureInfo.InvariantCulture),
        _ => due.ToString("MMM d", CultureInfo.InvariantCulture),
    };

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);
}
