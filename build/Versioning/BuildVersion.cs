using System.Reflection;

using Engine;

namespace Versioning;

/// <summary>The version of what this build produces. <see cref="IsFallback"/> is true when GitVersion could not be
/// trusted (a shallow clone, no git, GitVersion switched off) and the version is <c>0.0.0-local.&lt;sha&gt;</c>.</summary>
public sealed record BuildVersion(string SemVer, string InformationalVersion, string Sha, bool IsFallback)
{
    public string ShortSha => Sha.Length > 7 ? Sha[..7] : Sha;

    /// <summary>MSBuild properties that stamp this version into every assembly and package of the solution.</summary>
    public IReadOnlyDictionary<string, string> MsBuildProperties => new Dictionary<string, string>
    {
        ["Version"] = SemVer,
        ["InformationalVersion"] = InformationalVersion,
        ["SourceRevisionId"] = Sha,
        ["IncludeSourceRevisionInInformationalVersion"] = "false",
    };

    /// <summary>Reads what GitVersion.MsBuild generated into the build assembly and decides whether to trust it.</summary>
    internal static BuildVersion Resolve(Assembly buildAssembly, AbsolutePath root, Action<string> warn)
    {
        var shallow = Git(root, "rev-parse", "--is-shallow-repository") == "true";
        var headSha = Git(root, "rev-parse", "HEAD");
        var generated = buildAssembly.GetTypes().FirstOrDefault(t => t.Name == "GitVersionInformation");

        string? Field(string name) => generated?.GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;

        var semVer = Field("SemVer");
        string? why = null;
        if (generated is null || string.IsNullOrEmpty(semVer))
        {
            why = "GitVersion did not run (no git checkout, or DisableGitVersionTask=true)";
        }
        else if (shallow)
        {
            why = "this is a shallow clone, where GitVersion cannot see tags and history (clone with full depth: fetch-depth: 0)";
        }
        else if (Field("MajorMinorPatch") == "0.0.1")
        {
            why = "GitVersion answered 0.0.1, which means it saw no usable history";
        }

        if (why is null)
        {
            return new BuildVersion(semVer!, Field("InformationalVersion") ?? semVer!, Field("Sha") ?? headSha ?? "unknown",
                IsFallback: false);
        }

        // The commit checked out now, which is what is being built; GitVersion's answer only without git.
        var sha = headSha ?? (Field("Sha") is { Length: > 0 } generatedSha ? generatedSha : "unknown");
        var fallback = $"0.0.0-local.{(sha.Length > 7 ? sha[..7] : sha)}";
        warn($"Versioning falls back to {fallback}: {why}.");
        return new BuildVersion(fallback, $"{fallback}+{sha}", sha, IsFallback: true);
    }

    private static string? Git(AbsolutePath root, params string[] arguments)
    {
        try
        {
            var result = ProcessRunner.RunAsync(
                new ProcessSpec("git", arguments) { WorkingDirectory = root, Quiet = true, AllowFailure = true })
                .GetAwaiter().GetResult();
            return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
        }
        catch (ProcessFailedException)
        {
            return null; // git is not installed: the fallback version says "unknown"
        }
    }
}
