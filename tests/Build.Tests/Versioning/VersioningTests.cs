using Versioning;
using Engine;

namespace Build.Tests.Versioning;

public sealed class VersioningTests : IDisposable
{
    readonly string _scratch = Path.Combine(Path.GetTempPath(), "build-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [Fact]
    public async Task In_a_shallow_clone_the_version_falls_back_to_local_and_the_short_sha_with_a_warning()
    {
        var origin = Path.Combine(_scratch, "origin");
        var shallow = Path.Combine(_scratch, "shallow");
        Directory.CreateDirectory(origin);
        await Git(origin, "init", "-q");
        for (var i = 0; i < 2; i++)
        {
            await Git(origin, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", $"commit {i}");
        }

        await Git(_scratch, "clone", "-q", "--depth", "1", $"file://{origin}", shallow);
        var sha = (await Git(shallow, "rev-parse", "HEAD")).Trim();
        var warnings = new List<string>();
        var buildAssembly = Type.GetType("Build, _build", throwOnError: true)!.Assembly;

        var version = BuildVersion.Resolve(buildAssembly, new AbsolutePath(shallow), warnings.Add);

        Assert.True(version.IsFallback);
        Assert.Equal($"0.0.0-local.{sha[..7]}", version.SemVer);
        Assert.Contains("shallow clone", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_what_GitVersion_generates_the_version_falls_back_and_says_why()
    {
        var warnings = new List<string>();

        var version = BuildVersion.Resolve(typeof(VersioningTests).Assembly, new AbsolutePath(Path.GetTempPath()), warnings.Add);

        Assert.True(version.IsFallback);
        Assert.StartsWith("0.0.0-local.", version.SemVer, StringComparison.Ordinal);
        Assert.Contains("GitVersion did not run", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void The_version_is_stamped_into_assemblies_through_msbuild_properties()
    {
        var version = new BuildVersion("1.2.3-4", "1.2.3-4+Sha.abc", "abcdef0123", IsFallback: false);

        Assert.Equal("1.2.3-4", version.MsBuildProperties["Version"]);
        Assert.Equal("1.2.3-4+Sha.abc", version.MsBuildProperties["InformationalVersion"]);
        Assert.Equal("abcdef0", version.ShortSha);
    }

    static async Task<string> Git(string workingDirectory, params string[] arguments) =>
        (await ProcessRunner.RunAsync(new ProcessSpec("git", arguments) { WorkingDirectory = workingDirectory, Quiet = true })).StandardOutput;
}
