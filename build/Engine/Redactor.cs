namespace Engine;

/// <summary>Replaces every known secret value with <c>***</c>. One per build session.</summary>
internal sealed class Redactor
{
    public const string Mask = "***";
    private readonly Lock _lock = new();
    private string[] _secrets = [];

    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
            return;

        lock (_lock)
        {
            // Longest first, so a secret that contains another is masked whole.
            _secrets = [.. _secrets.Append(secret).Distinct().OrderByDescending(s => s.Length)];
        }
    }

    public string Redact(string text)
    {
        var secrets = _secrets;
        foreach (var secret in secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);

        return text;
    }
}
