using System.Globalization;
using System.Text.RegularExpressions;

namespace Todo.Api.Chat;

/// <summary>Understands the dates people type: "today", "tomorrow", "friday", "next monday", "in 3 days", "nov 28", "2026-12-01".</summary>
public static partial class DatePhrase
{
    /// <summary>A regex fragment matching the phrases <see cref="TryParse"/> understands (for finding them inside a sentence).</summary>
    public const string Pattern =
        @"(?:today|tonight|tomorrow|tmrw|day after tomorrow|next week|(?:next |this )?(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)[a-z]*|"
        + @"in \d{1,3} (?:days?|weeks?)|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?|"
        + @"\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)";

    private static readonly string[] Weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static bool TryParse(string phrase, DateOnly today, out DateOnly date)
    {
        var text = phrase.Trim().ToLowerInvariant();
        date = default;
        switch (text)
        {
            case "today" or "tonight":
                date = today;
                return true;
            case "tomorrow" or "tmrw":
                date = today.AddDays(1);
                return true;
            case "day after tomorrow":
                date = today.AddDays(2);
                return true;
            case "next week":
                date = today.AddDays(7);
                return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        if (InDays().Match(text) is { Success: true } inDays)
        {
            var count = int.Parse(inDays.Groups[1].Value, CultureInfo.InvariantCulture);
            date = today.AddDays(inDays.Groups[2].Value.StartsWith('w') ? count * 7 : count);
            return true;
        }

        if (Weekday().Match(text) is { Success: true } weekday && Array.FindIndex(Weekdays, d => weekday.Groups[2].Value.StartsWith(d, StringComparison.Ordinal)) is var day and >= 0)
        {
            var ahead = (day - (int)today.DayOfWeek + 7) % 7;
            // "friday" on a Friday means today, and otherwise the coming one; "next friday" means the one in next week
            // (weeks start on Monday), which is what people mean by it on a Monday: not the one four days away.
            if (weekday.Groups[1].Value == "next ")
            {
                var toMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
                ahead = (toMonday == 0 ? 7 : toMonday) + ((day + 6) % 7);
            }

            date = today.AddDays(ahead);
            return true;
        }

        var monthDay = MonthDay().Match(text) is { Success: true } md ? (md.Groups[1].Value, md.Groups[2].Value)
            : DayMonth().Match(text) is { Success: true } dm ? (dm.Groups[2].Value, dm.Groups[1].Value)
            : default;
        if (monthDay != default && Array.FindIndex(Months, m => monthDay.Item1.StartsWith(m, StringComparison.Ordinal)) is var month and >= 0)
        {
            var dayOfMonth = int.Parse(monthDay.Item2, CultureInfo.InvariantCulture);
            if (dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(today.Year, month + 1))
            {
                return false;
            }

            date = new DateOnly(today.Year, month + 1, dayOfMonth);
            // A date already past this year means next year's.
            if (date < today)
            {
                date = date.AddYears(1);
            }

            return true;
        }

        return false;
    }

    [GeneratedRegex(@"^in (\d{1,3}) (days?|weeks?)$")]
    private static partial Regex InDays();

    [GeneratedRegex(@"^(next |this )?([a-z]+)$")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"^([a-z]+) (\d{1,2})(?:st|nd|rd|th)?$")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)$")]
    private static partial Regex DayMonth();
}
