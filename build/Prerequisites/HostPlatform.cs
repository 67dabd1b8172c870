namespace Prerequisites;

public enum HostOs
{
    Linux,
    MacOS,
    Windows,
}

/// <summary>
/// What discovery needs to know about the machine, as values a test can make up: the OS, whether we are root, the
/// Linux distribution family (from /etc/os-release: ID and ID_LIKE), the environment, and a prefix under which the
/// well-known absolute folders (/usr/lib/postgresql, /opt/homebrew, /Applications) are looked for — "/" on a real
/// machine, a temp folder holding a fake layout in tests.
/// </summary>
public sealed record HostPlatform(HostOs Os, bool IsRoot, IReadOnlyList<string> DistributionIds, Func<string, string?> Variable,
    string Root)
{
    public static HostPlatform Current { get; } = Detect(Environment.GetEnvironmentVariable);

    public static HostPlatform Detect(Func<string, string?> variable) => new(
        OperatingSystem.IsWindows() ? HostOs.Windows : OperatingSystem.IsMacOS() ? HostOs.MacOS : HostOs.Linux,
        !OperatingSystem.IsWindows() && Environment.UserName == "root",
        OperatingSystem.IsLinux() ? OsRelease.Ids("/etc/os-release") : [],
        variable,
        "/");

    /// <summary>Debian, Ubuntu and their derivatives: apt-get installs the packages the remedies name.</summary>
    public bool IsDebianFamily => DistributionIds.Any(id => id is "debian" or "ubuntu");

    public bool IsFedoraFamily => DistributionIds.Any(id => id is "fedora" or "rhel" or "centos");

    /// <summary>A well-known absolute Unix folder, under <see cref="Root"/>.</summary>
    public string Under(string absolute) => Path.Combine(Root, absolute.TrimStart('/'));

    /// <summary>The folders of PATH, in order.</summary>
    public IEnumerable<string> PathDirectories =>
        (Variable("PATH") ?? "")
            .Split(Os == HostOs.Windows ? ';' : ':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The file name of an executable on this OS (<c>postgres</c>, <c>postgres.exe</c>).</summary>
    public string ExecutableName(string name) => Os == HostOs.Windows ? name + ".exe" : name;

    /// <summary>Prefix for commands that need root, for the user to copy: nothing when already root or on Windows.</summary>
    public string Sudo => IsRoot || Os == HostOs.Windows ? "" : "sudo ";
}

/// <summary>The distribution identifiers in os-release(5): ID first, then ID_LIKE's space-separated list.</summary>
public static class OsRelease
{
    public static IReadOnlyList<string> Ids(string file) => File.Exists(file) ? Parse(File.ReadAllText(file)) : [];

    public static IReadOnlyList<string> Parse(string content)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in content.Split('\n').Select(line => line.Split('=', 2)).Where(pair => pair.Length == 2))
        {
            values[pair[0].Trim()] = pair[1].Trim().Trim('"', '\'');
        }

        return [.. new[] { values.GetValueOrDefault("ID"), values.GetValueOrDefault("ID_LIKE") }
            .OfType<string>()
            .SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(v => v.ToLowerInvariant())];
    }
}
