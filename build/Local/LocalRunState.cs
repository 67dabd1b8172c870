using System.Text.Json;
using System.Text.Json.Serialization;

namespace Local;

/// <summary>
/// What one local run started, written as soon as each piece exists, so <c>Down</c> (even after a crashed <c>Up</c>)
/// removes exactly that and nothing else. Holds no secret: Down needs none, and the file outlives the build.
/// </summary>
public sealed record LocalRunState
{
    public required string RunId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Scratch folder of this run: the PostgreSQL data directory and socket live under it.</summary>
    public required string RunDirectory { get; init; }

    public string? Network { get; init; }

    public IReadOnlyList<string> Containers { get; init; } = [];

    /// <summary>Docker volumes standing in for the release's PersistentVolumeClaims.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    public LocalPostgresState? Postgres { get; init; }

    public string? BackendContainer { get; init; }

    /// <summary>The port the backend listens on inside its container, to find its published port again after a restart.</summary>
    public int BackendPort { get; init; }

    public string? FrontendUrl { get; init; }

    /// <summary>The frontend replica behind <see cref="FrontendUrl"/>, and its container port, like the backend's.</summary>
    public string? FrontendContainer { get; init; }

    public int FrontendPort { get; init; }

    public string? BackendUrl { get; init; }

    /// <summary>Docker label on every container and network of a run, valued with <see cref="RunId"/>.</summary>
    public const string Label = "todo.local-run";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string NewRunId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static LocalRunState Deserialize(string json) =>
        JsonSerializer.Deserialize<LocalRunState>(json, Json)
        ?? throw new InvalidDataException("The local run state file is empty.");

    public static LocalRunState? Load(string path) => File.Exists(path) ? Deserialize(File.ReadAllText(path)) : null;

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Serialize());
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>The throwaway PostgreSQL cluster of a run: where its data lives and where it listens.</summary>
public sealed record LocalPostgresState(string DataDirectory, string SocketDirectory, int Port, string ListenAddresses, string Database,
    string User);
