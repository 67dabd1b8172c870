using System.Text.Encodings.Web;
using System.Text.Json;

namespace Engine;

/// <summary>artifacts/build-audit.jsonl: one JSON object per target and per external command — the record a reviewer
/// reads after a CI run. Every string is redacted before it is written.</summary>
internal sealed class AuditLog(string path, Redactor redactor)
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _lock = new();

    public string Path { get; } = path;

    public void Start()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, "");
    }

    public void Target(string name, string status, string? reason, TimeSpan duration) => Write(new Dictionary<string, object?>
    {
        ["kind"] = "target",
        ["name"] = name,
        ["status"] = status,
        ["reason"] = reason,
        ["durationMs"] = (long)duration.TotalMilliseconds,
    });

    public void UpToDate(string work, string reason) => Write(new Dictionary<string, object?>
    {
        ["kind"] = "up-to-date",
        ["name"] = work,
        ["reason"] = reason,
    });

    public void Command(string? target, string commandLine, string workingDirectory, int? exitCode, TimeSpan duration) =>
        Write(new Dictionary<string, object?>
        {
            ["kind"] = "command",
            ["target"] = target,
            ["commandLine"] = commandLine,
            ["workingDirectory"] = workingDirectory,
            ["exitCode"] = exitCode,
            ["durationMs"] = (long)duration.TotalMilliseconds,
            ["status"] = exitCode == 0 ? "succeeded" : "failed",
        });

    private void Write(Dictionary<string, object?> entry)
    {
        entry["timestamp"] = DateTimeOffset.UtcNow.ToString("O");
        foreach (var key in entry.Keys.ToList())
        {
            if (entry[key] is string text)
                entry[key] = redactor.Redact(text);
        }

        var line = redactor.Redact(JsonSerializer.Serialize(entry, Options));
        lock (_lock)
        {
            File.AppendAllText(Path, line + "\n");
        }
    }
}
