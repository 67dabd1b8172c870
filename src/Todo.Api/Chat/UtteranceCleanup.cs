using System.Text.RegularExpressions;

namespace Todo.Api.Chat;

/// <summary>
/// Turns what someone typed into the plain command underneath: spaces and curly quotes tidied, politeness
/// ("could you please …", "… for me, thanks") removed, and a misspelt command word ("complte", "remvoe") corrected.
/// </summary>
public static partial class UtteranceCleanup
{
    /// <summary>Command words a typo is corrected to. Short ones only from obvious slips, so real words stay themselves.</summary>
    private static readonly string[] CommandWords =
        ["add", "list", "show", "create", "remind", "complete", "finish", "delete", "remove", "rename", "reopen", "reschedule", "postpone"];

    /// <summary>Real words one letter away from a command word, which must never be "corrected" into one.</summary>
    private static readonly HashSet<string> RealWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "dad", "ads", "aid", "and", "odd", "lost", "lust", "mist", "last", "slow", "snow", "shop", "shoe", "shot", "stow",
        "remain", "remote", "crate", "rewind", "removal", "deplete", "compete", "finch", "finished", "renames", "reopens",
    };

    public static string Tidy(string message)
    {
        var text = message.Replace('’', '\'').Replace('‘', '\'').Trim();
        text = Spaces().Replace(text, " ");
        return text.TrimEnd('.', '!', '?', ' ', ',');
    }

    /// <summary>"could you please add X for me" → "add X"; "I'd like to see my list" → "see my list".</summary>
    public static string WithoutPoliteness(string text)
    {
        string previous;
        do
        {
            previous = text;
            text = PoliteStart().Replace(text, "");
            text = PoliteEnd().Replace(text, "");
            text = text.Trim().TrimEnd('.', '!', '?', ' ', ',');
        }
        while (text != previous && text.Length > 0);

        return Gerund().Replace(text, m => m.Groups["verb"].Value.ToLowerInvariant() switch
        {
            "add" => "add",
            "delet" => "delete",
            "remov" => "remove",
            "complet" => "complete",
            "renam" => "rename",
            var other => other,
        });
    }

    /// <summary>Corrects the first word when it is one slip (a letter missing, extra, wrong or two swapped) from a command word.</summary>
    public static string WithCommandWordCorrected(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? text : text[..space];
        if (first.Length < 2 || RealWords.Contains(first) || !first.All(char.IsAsciiLetter)
            || CommandWords.Contains(first, StringComparer.OrdinalIgnoreCase))
        {
            return text;
        }

        foreach (var word in CommandWords)
        {
            var distance = Distance(first.ToLowerInvariant(), word);
            // For short words only a doubled/dropped letter or a swap counts: "ad", "addd", "lsit" — not "and" or "aid".
            var close = distance == 1 && (word.Length >= 5 || IsSlip(first.ToLowerInvariant(), word));
            if (close)
            {
                return word + (space < 0 ? "" : text[space..]);
            }
        }

        return text;
    }

    private static bool IsSlip(string typed, string word) => typed.Distinct().Order().SequenceEqual(word.Distinct().Order());

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(please|pls|plz|kindly|hey|oh|oops|um+|hmm+|so|also|and|now|actually|well|ok(ay)?\s*,)\b[,!]?\s*"
        + @"|^would you mind\s+"
        + @"|^(could|can|would|will) (you|u)( please| kindly| just)?\s+"
        + @"|^i'?d like to\s+(?=(add|create|delete|remove|complete|rename|reopen|move|mark|see|list|show|change)\b)"
        + @"|^(i would like|i want|i wanna) (you )?to\s+(?=(add|create|delete|remove|complete|rename|reopen|move|mark|see|list|show|change)\b)"
        + @"|^i'?d like you to\s+", RegexOptions.IgnoreCase)]
    private static partial Regex PoliteStart();

    [GeneratedRegex(@"[,\s]+(please|pls|plz|for me|thanks|thank you|thx|ty)$", RegexOptions.IgnoreCase)]
    private static partial Regex PoliteEnd();

    [GeneratedRegex(@"^(?<verb>add|delet|remov|complet|renam)ing\b", RegexOptions.IgnoreCase)]
    private static partial Regex Gerund();
}
