using System.Text;
using System.Text.RegularExpressions;

namespace Images;

/// <summary>Something in an image that looks like a secret, or a configuration that must not ship.</summary>
public sealed record SecretFinding(string Where, string Rule, string Excerpt)
{
    public override string ToString() => $"{Where}: {Rule} ({Excerpt})";
}

/// <summary>Finds secret-looking values in an image's configuration (user, env, labels, entrypoint, cmd) and in the
/// text files of its layers. A finding never prints the value itself, only its first characters.</summary>
public static partial class SecretScan
{
    static readonly (string Rule, Regex Pattern)[] Rules =
    [
        ("private key", PrivateKey()),
        ("password assignment", PasswordAssignment()),
        ("credentials in a URL", UrlCredentials()),
        ("OpenAI-style API key", OpenAiKey()),
        ("AWS access key", AwsKey()),
        ("GitHub token", GitHubToken()),
        ("Slack token", SlackToken()),
        ("key or token assignment", TokenAssignment()),
    ];

    // Text files where configuration lives. Binaries (assemblies, the runtime, wasm) are not scanned: they are built
    // from reviewed sources, and their string tables are full of words like "Password=" that are not values.
    static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".json", ".xml", ".config", ".yaml", ".yml", ".env", ".ini", ".conf", ".cfg", ".properties", ".toml", ".txt", ".pem", ".key", ".sh",
    };

    // Files whose mere presence is a finding: key stores and credential files.
    static readonly HashSet<string> SecretFileNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".npmrc", ".netrc", ".git-credentials", ".pgpass", "credentials", ".env",
    };

    static readonly HashSet<string> SecretFileExtensions = new(StringComparer.OrdinalIgnoreCase) { ".pfx", ".p12", ".jks", ".keystore" };

    const long LargestScannedFile = 4 * 1024 * 1024;

    /// <summary>Findings in a text, each named after <paramref name="where"/>.</summary>
    public static IEnumerable<SecretFinding> InText(string where, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (rule, pattern) in Rules)
            foreach (Match match in pattern.Matches(text))
            {
                var value = match.Groups["value"].Success ? match.Groups["value"].Value : match.Value;
                if (IsPlaceholder(value))
                    continue;
                yield return new SecretFinding(where, rule, Mask(match.Value, value));
            }
    }

    /// <summary>Findings in the image configuration: a root (or unset) user, secret-named variables with a value,
    /// secret-looking values anywhere in env, labels, entrypoint and cmd.</summary>
    public static IEnumerable<SecretFinding> InConfig(DockerImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (IsRoot(image.User))
            yield return new SecretFinding("config User", "runs as root", image.User.Length == 0 ? "User is not set, so it is root"
                : $"User={image.User}");
        foreach (var variable in image.Environment)
        {
            var separator = variable.IndexOf('=', StringComparison.Ordinal);
            var name = separator < 0 ? variable : variable[..separator];
            var value = separator < 0 ? "" : variable[(separator + 1)..];
            if (SecretName().IsMatch(name) && value.Length > 0 && !IsPlaceholder(value))
                yield return new SecretFinding($"config Env {name}", "secret-named variable with a value", Mask(variable, value));
            foreach (var finding in InText($"config Env {name}", variable))
                yield return finding;
        }

        foreach (var (key, value) in image.Labels)
            foreach (var finding in InText($"config Label {key}", $"{key}={value}"))
                yield return finding;
        foreach (var finding in InText("config Entrypoint", string.Join(' ', image.Entrypoint))
            .Concat(InText("config Cmd", string.Join(' ', image.Command))))
            yield return finding;
    }

    /// <summary>Findings in the files of the image's layers.</summary>
    public static IEnumerable<SecretFinding> InLayers(SavedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        foreach (var (layer, path, length, open) in image.Files())
        {
            var name = Path.GetFileName(path);
            var where = $"layer {layer} {path}";
            if (SecretFileNames.Contains(name) || SecretFileExtensions.Contains(Path.GetExtension(name)))
            {
                yield return new SecretFinding(where, "credential or key store file", name);
                continue;
            }

            if (!TextExtensions.Contains(Path.GetExtension(name)) || length > LargestScannedFile)
                continue;
            using var reader = new StreamReader(open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            foreach (var finding in InText(where, reader.ReadToEnd()))
                yield return finding;
        }
    }

    public static bool IsRoot(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Split(':')[0].Trim();
        return name.Length == 0 || name == "0" || name.Equals("root", StringComparison.Ordinal);
    }

    // ${VAR}, $(VAR), %VAR%, <your-key>, ******** and the like are references or blanks, not secrets.
    static bool IsPlaceholder(string value) =>
        value.Length == 0 || value[0] is '$' or '%' or '<' or '{' or '*' || value.Trim('*', 'x', 'X', '.').Length == 0;

    static string Mask(string match, string value)
    {
        var shown = value.Length > 4 ? value[..2] + "…" : "…";
        var text = value.Length > 0 ? match.Replace(value, shown, StringComparison.Ordinal) : match;
        return text.Length > 80 ? text[..77] + "..." : text;
    }

    [GeneratedRegex(@"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----")]
    private static partial Regex PrivateKey();

    // Password=…; in connection strings, password: … in YAML, "Password": "…" in JSON. Not "passwd": that is the name
    // of the user database (`passwd: files` in nsswitch.conf), not a value.
    [GeneratedRegex(@"(?i)\b(?:password|pwd)""?\s*[=:]\s*""?(?<value>[^\s"";,]{3,})")]
    private static partial Regex PasswordAssignment();

    [GeneratedRegex(@"(?i)\b[a-z][a-z0-9+.-]*://[^\s:/@""']+:(?<value>[^\s@/""']+)@")]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}")]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(
        @"(?i)\b(?:api[_-]?key|secret(?:[_-]?key)?|access[_-]?token|auth[_-]?token|client[_-]?secret)"
        + @"""?\s*[=:]\s*""?(?<value>[A-Za-z0-9_\-+/=]{16,})")]
    private static partial Regex TokenAssignment();

    [GeneratedRegex(@"(?i)(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|SIGNING_?KEY|CREDENTIAL)")]
    private static partial Regex SecretName();
}
