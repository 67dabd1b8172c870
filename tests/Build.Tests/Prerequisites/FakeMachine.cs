using Prerequisites;

namespace Build.Tests.Prerequisites;

/// <summary>
/// A machine's directory layout in a temp folder: the well-known absolute folders (/usr/lib/postgresql, /opt/homebrew,
/// /Applications, %ProgramFiles%) live under <see cref="Root"/>. A fake program's file content is what it prints, so
/// <see cref="Probe"/> "runs" it by reading it; <c>ProgramProbeTests</c> shows the real probe runs real programs.
/// </summary>
public sealed class FakeMachine : IDisposable
{
    private readonly Dictionary<string, string?> variables = new(StringComparer.Ordinal);

    public FakeMachine() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "fake-machine-" + Guid.NewGuid().ToString("N")[..10]);

    public string? this[string variable] { set => variables[variable] = value; }

    public HostPlatform Platform(HostOs os, bool isRoot = false, params string[] distributionIds) =>
        new(os, isRoot, distributionIds, name => variables.GetValueOrDefault(name), Root);

    /// <summary>An absolute Unix path of the fake machine, as a real path under <see cref="Root"/>.</summary>
    public string PathOf(string absolute) => Path.Combine(Root, absolute.TrimStart('/'));

    /// <summary>A folder of PostgreSQL server tools whose <c>postgres --version</c> answers <paramref name="version"/>.</summary>
    public string PostgresAt(string absolute, string version, string extension = "", params string[] omit)
    {
        var folder = PathOf(absolute);
        Directory.CreateDirectory(folder);
        foreach (var tool in PostgresBinaries.ServerTools.Except(omit))
        {
            File.WriteAllText(Path.Combine(folder, tool + extension), tool == "postgres" ? $"postgres (PostgreSQL) {version}\n" : "");
        }

        return folder;
    }

    public string FileAt(string absolute, string content = "")
    {
        var file = PathOf(absolute);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public static string? Probe(string executable, string argument) => File.Exists(executable) ? File.ReadAllText(executable) : null;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
