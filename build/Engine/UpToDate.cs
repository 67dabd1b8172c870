using System.Globalization;
using System.Text.Json;

namespace Engine;

/// <summary>
/// The incremental mechanism: a piece of work (a target, or one part of a target such as one image's publish) whose
/// <see cref="Inputs"/> have the fingerprint recorded after its last success, and whose outputs still have the
/// recorded content, is up to date and not run again. Records live in .nuke/temp/up-to-date/, one JSON file a piece,
/// written only after a success, so a failed run is never reused. See docs/build-engine.md.
/// </summary>
internal static class UpToDate
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Null when up to date; otherwise why the work must run ("never ran", "src/x.cs changed", …).</summary>
    public static string? WhyRun(string key, Fingerprint inputs, IEnumerable<AbsolutePath> outputs, out Record? record)
    {
        record = Read(key);
        if (record is null)
            return "no earlier successful run recorded";

        if (record.InputsHash != inputs.Hash)
        {
            var changes = inputs.ChangesSince(record.Inputs);
            return changes.Count == 0 ? "inputs changed"
                : string.Join(", ", changes.Take(3)) + (changes.Count > 3 ? $" and {changes.Count - 3} more" : "");
        }

        var now = OutputHashes(outputs);
        foreach (var (path, hash) in now)
        {
            if (hash == Missing)
            {
                return $"output {path} is missing";
            }

            if (!record.Outputs.TryGetValue(path, out var recorded) || recorded != hash)
            {
                return $"output {path} is not what the last run produced";
            }
        }

        return null;
    }

    public static void Save(string key, Fingerprint inputs, IEnumerable<AbsolutePath> outputs, SummaryDelta summary)
    {
        var entries = new Dictionary<string, string>(inputs.Entries, StringComparer.Ordinal);
        var record = new Record(inputs.Hash, entries, OutputHashes(outputs), DateTimeOffset.Now, summary);
        var file = FileOf(key);
        Directory.CreateDirectory(file.Parent!);
        File.WriteAllText(file, JsonSerializer.Serialize(record, Json));
    }

    public static void Forget(string key)
    {
        if (File.Exists(FileOf(key)))
            File.Delete(FileOf(key));
    }

    public static string Since(Record record) =>
        "inputs unchanged since "
        + record.At.ToString(record.At.Date == DateTimeOffset.Now.Date ? "HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private const string Missing = "missing";

    private static Dictionary<string, string> OutputHashes(IEnumerable<AbsolutePath> outputs)
    {
        var root = BuildSession.Current.RootDirectory;
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var output in outputs)
        {
            var name = Path.GetRelativePath(root, output).Replace('\\', '/');
            hashes[name] = File.Exists(output) ? Inputs.HashFile(output)
                : Directory.Exists(output) ? Inputs.Hash(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
                    .Select(file => KeyValuePair.Create(Path.GetRelativePath(output, file), Inputs.HashFile(file))))
                : Missing;
        }

        return hashes;
    }

    private static Record? Read(string key)
    {
        try
        {
            return File.Exists(FileOf(key)) ? JsonSerializer.Deserialize<Record>(File.ReadAllText(FileOf(key)), Json) : null;
        }
        catch (JsonException)
        {
            return null; // a damaged record only means the work runs again
        }
    }

    private static AbsolutePath FileOf(string key) => BuildSession.Current.RootDirectory / ".nuke" / "temp" / "up-to-date" / $"{key}.json";

    internal sealed record Record(
        string InputsHash, Dictionary<string, string> Inputs, Dictionary<string, string> Outputs, DateTimeOffset At, SummaryDelta Summary);
}

/// <summary>What a piece of work added to the build summary, so an up-to-date target reports the same lines and test
/// counts as the run it stands for (CI judges a build by its closing Tests: line).</summary>
internal sealed record SummaryDelta(List<string> Lines, int Passed, int Failed, int Skipped, bool HasTestResults);
