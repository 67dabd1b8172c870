namespace Todo.Contracts;

/// <summary>What text fields may hold, checked by the API (and available to clients that want to check first).</summary>
public static class TextRules
{
    /// <summary>
    /// True when <paramref name="text"/> holds a control character: NUL (which PostgreSQL refuses in text), the other
    /// C0 and C1 controls, or DEL. Tab and line breaks are allowed only in <paramref name="multiline"/> text
    /// (descriptions, chat messages); a title, an email or a name is one line.
    /// </summary>
    public static bool HasControlCharacters(string? text, bool multiline = false)
    {
        foreach (var c in text ?? "")
        {
            if (char.IsControl(c) && !(multiline && c is '\t' or '\n' or '\r'))
            {
                return true;
            }
        }

        return false;
    }
}
