using System.Globalization;
using System.Text.RegularExpressions;

namespace Prerequisites;

/// <summary>A folder holding a usable PostgreSQL server (initdb, pg_ctl, postgres) and how it was found.</summary>
public sealed record PostgresServer(string BinDirectory, int Major, string FoundBy)
{
    /// <summary>The full path of one of the server's tools (<c>pg_ctl</c>, <c>initdb</c>, …) on this OS.</summary>
    public string Tool(string name) => Path.Combine(BinDirectory, OperatingSystem.IsWindows() ? name + ".exe" : name);
}

/// <summary>A folder discovery looked at, and where the idea came from (POSTGRES_BIN, PATH, Homebrew, …).</summary>
public sealed record PostgresCandidate(string BinDirectory, string FoundBy);

/// <summary>The outcome: a server, or why none was usable (each folder tried and what was wrong with it).</summary>
public sealed record PostgresDiscovery(PostgresServer? Server, IReadOnlyList<string> Rejected, string? ExplicitError)
{
    public bool Found => Server is not null;
}

/// <summary>
/// Finds PostgreSQL server binaries of a supported major version wherever the usual installers put them, in this
/// order: POSTGRES_BIN, <c>pg_config --bindir</c>, PATH, /usr/lib/postgresql/N/bin (Debian, Ubuntu; newest first),
/// /usr/pgsql-N/bin (PGDG on Fedora/RHEL), Homebrew (/opt/homebrew and /usr/local, postgresql@N), Postgres.app, and
/// Windows' %ProgramFiles%\PostgreSQL\N\bin. The first folder whose <c>postgres --version</c> names a supported major
/// wins. POSTGRES_BIN is a promise: when it is set but unusable, discovery says so instead of looking elsewhere.
/// </summary>
public static partial class PostgresBinaries
{
    public const int OldestSupported = 14;
    public const int NewestSupported = 17;

    /// <summary>What a folder must hold for a throwaway server: make a cluster, start and stop it, and the server.</summary>
    public static readonly IReadOnlyList<string> ServerTools = ["initdb", "pg_ctl", "postgres"];

    /// <summary>Runs a program with one argument and answers its standard output, or null when it cannot be run.</summary>
    public delegate string? Probe(string executable, string argument);

    /// <summary>Discovery on this machine.</summary>
    public static PostgresDiscovery Discover() => Discover(HostPlatform.Current, ProgramProbe.Run);

    public static PostgresDiscovery Discover(HostPlatform platform, Probe probe)
    {
        var rejected = new List<string>();
        var explicitFolder = platform.Variable("POSTGRES_BIN");
        foreach (var candidate in Candidates(platform, probe))
        {
            var problem = Problem(platform, candidate.BinDirectory, probe, out var major);
            if (problem is null)
            {
                return new PostgresDiscovery(new PostgresServer(candidate.BinDirectory, major, candidate.FoundBy), rejected, null);
            }

            if (candidate.FoundBy == "POSTGRES_BIN")
            {
                return new PostgresDiscovery(null, [$"{candidate.BinDirectory} (POSTGRES_BIN): {problem}"],
                    $"POSTGRES_BIN={explicitFolder} is not a usable PostgreSQL server folder: {problem}. Point it at the folder "
                    + $"holding {string.Join(", ", ServerTools)} of PostgreSQL {OldestSupported}–{NewestSupported}, or unset it to let the "
                        + $"build look in the usual places.");
            }

            rejected.Add($"{candidate.BinDirectory} ({candidate.FoundBy}): {problem}");
        }

        return new PostgresDiscovery(null, rejected, null);
    }

    /// <summary>The folders to try, in order, without duplicates; only folders that exist.</summary>
    public static IEnumerable<PostgresCandidate> Candidates(HostPlatform platform, Probe probe)
    {
        var seen = new HashSet<string>(platform.Os == HostOs.Windows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var candidate in Ordered(platform, probe))
        {
            var folder = Path.TrimEndingDirectorySeparator(candidate.BinDirectory);
            if ((candidate.FoundBy == "POSTGRES_BIN" || Directory.Exists(folder)) && seen.Add(folder))
            {
                yield return candidate with { BinDirectory = folder };
            }
        }
    }

    private static IEnumerable<PostgresCandidate> Ordered(HostPlatform platform, Probe probe)
    {
        if (platform.Variable("POSTGRES_BIN") is { Length: > 0 } configured)
        {
            yield return new(configured, "POSTGRES_BIN");
        }

        var pgConfig = platform.PathDirectories.Select(d => Path.Combine(d, platform.ExecutableName("pg_config")))
            .FirstOrDefault(File.Exists);
        if (pgConfig is not null && probe(pgConfig, "--bindir")?.Trim() is { Length: > 0 } bindir)
        {
            yield return new(bindir, "pg_config --bindir");
        }

        foreach (var directory in platform.PathDirectories.Where(d => File.Exists(Path.Combine(d, platform.ExecutableName("postgres")))))
        {
            yield return new(directory, "PATH");
        }

        switch (platform.Os)
        {
            case HostOs.Linux:
                foreach (var folder in NewestFirst(platform.Under("/usr/lib/postgresql"), "", "bin"))
                {
                    yield return new(folder, "Debian/Ubuntu package");
                }

                foreach (var folder in NewestFirst(platform.Under("/usr"), "pgsql-", "bin"))
                {
                    yield return new(folder, "PGDG package");
                }

                break;
            case HostOs.MacOS:
                foreach (var prefix in new[] { "/opt/homebrew/opt", "/usr/local/opt" })
                {
                    foreach (var folder in NewestFirst(platform.Under(prefix), "postgresql@", "bin"))
                    {
                        yield return new(folder, "Homebrew");
                    }

                    yield return new(Path.Combine(platform.Under(prefix), "postgresql", "bin"), "Homebrew");
                }

                var postgresApp = platform.Under("/Applications/Postgres.app/Contents/Versions");
                yield return new(Path.Combine(postgresApp, "latest", "bin"), "Postgres.app");
                foreach (var folder in NewestFirst(postgresApp, "", "bin"))
                {
                    yield return new(folder, "Postgres.app");
                }

                break;
            case HostOs.Windows:
                foreach (
                    var programFiles in new[] { platform.Variable("ProgramFiles"), platform.Variable("ProgramW6432") }.OfType<string>())
                {
                    foreach (var folder in NewestFirst(Path.Combine(programFiles, "PostgreSQL"), "", "bin"))
                    {
                        yield return new(folder, "PostgreSQL installer");
                    }
                }

                break;
        }
    }

    /// <summary>Subfolders named prefix + a version number (16, 16.4), newest first, each joined with <paramref name="inner"/>.</summary>
    private static IEnumerable<string> NewestFirst(string parent, string prefix, string inner) =>
        !Directory.Exists(parent)
            ? []
            : Directory.EnumerateDirectories(parent, prefix + "*")
                .Select(path
                    => (Path: path, Version: Version.TryParse(WithMinor(Path.GetFileName(path)[prefix.Length..]), out var v) ? v : null))
                .Where(entry => entry.Version is not null)
                .OrderByDescending(entry => entry.Version)
                .Select(entry => Path.Combine(entry.Path, inner));

    private static string WithMinor(string version) => version.Contains('.', StringComparison.Ordinal) ? version : version + ".0";

    /// <summary>Null when the folder holds a usable server; otherwise what is wrong with it, in a few words.</summary>
    private static string? Problem(HostPlatform platform, string folder, Probe probe, out int major)
    {
        major = 0;
        var missing = ServerTools.Where(tool => !File.Exists(Path.Combine(folder, platform.ExecutableName(tool)))).ToList();
        if (missing.Count > 0)
        {
            return $"no {string.Join(", ", missing)}";
        }

        var output = probe(Path.Combine(folder, platform.ExecutableName("postgres")), "--version");
        if (ParseMajor(output) is not { } parsed)
        {
            return output is null ? "`postgres --version` could not be run" : $"`postgres --version` said \"{output.Trim()}\"";
        }

        major = parsed;
        return parsed is < OldestSupported or > NewestSupported
            ? $"PostgreSQL {parsed} (supported: {OldestSupported}–{NewestSupported})"
            : null;
    }

    /// <summary>The major version in <c>postgres --version</c>'s answer: "postgres (PostgreSQL) 16.4 (Ubuntu 16.4-1)" → 16.</summary>
    public static int? ParseMajor(string? versionOutput) =>
        versionOutput is not null && VersionLine().Match(versionOutput) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionLine();

    /// <summary>The command that installs a supported PostgreSQL server on this kind of machine.</summary>
    public static string InstallCommand(HostPlatform platform) => platform.Os switch
    {
        HostOs.MacOS => "brew install postgresql@16",
        HostOs.Windows => "winget install --id PostgreSQL.PostgreSQL.16 (or the installer from postgresql.org/download/windows)",
        _ when platform.IsDebianFamily => $"{platform.Sudo}apt-get install -y postgresql",
        _ when platform.IsFedoraFamily => $"{platform.Sudo}dnf install -y postgresql-server",
        _ => $"your distribution's PostgreSQL server package ({OldestSupported}–{NewestSupported})",
    };

    /// <summary>The one message for "no server found": where we looked, what to install, and the alternatives.</summary>
    public static string MissingMessage(HostPlatform platform, PostgresDiscovery discovery, string alternatives)
    {
        if (discovery.ExplicitError is { } explicitError)
        {
            return explicitError;
        }

        var looked = discovery.Rejected.Count == 0
            ? "none of the usual places holds one"
            : "found but unusable: " + string.Join("; ", discovery.Rejected);
        return $"No PostgreSQL server {OldestSupported}–{NewestSupported} was found ({looked}). Install one: `{InstallCommand(platform)}`; "
            + $"or set POSTGRES_BIN to the folder holding {string.Join(", ", ServerTools)}; {alternatives}";
    }
}
