using Tools;
using Engine;

partial class Build
{
    static readonly string[] SourceFolders = ["src", "tests"];

    Target Clean => _ => _
        .Description("Deletes artifacts/ and the bin/ and obj/ folders under src/ and tests/")
        .Before(Restore)
        .Executes(() =>
        {
            foreach (var directory in SourceFolders
                .Select(d => RootDirectory / d)
                .Where(d => Directory.Exists(d))
                .SelectMany(d => Directory.EnumerateDirectories(d, "*", SearchOption.AllDirectories))
                .Where(d => Path.GetFileName(d) is "bin" or "obj")
                .ToList())
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }

            if (Directory.Exists(ArtifactsDirectory))
            {
                Directory.Delete(ArtifactsDirectory, recursive: true);
            }
        });

    Target Restore => _ => _
        .Description("Restores the NuGet packages of the whole solution")
        .Inputs(RestoreInputs)
        // Not project.assets.json: a publish for a runtime rewrites it. The generated props name the same packages.
        .Outputs(() => SolutionProjects().Select(project => project.Parent! / "obj" / $"{project.Name}.nuget.g.props"))
        .Executes(() => DotNet.RestoreAsync(Solution));

    Target Compile => _ => _
        .Description("Builds the whole solution (TodoApp.slnx), stamped with the GitVersion version")
        .DependsOn(Restore)
        .Inputs(CodeInputs)
        .Outputs(CompiledAssemblies)
        .Executes(async () =>
        {
            Log.Info("version {0} ({1})", Version.SemVer, Version.ShortSha);
            // Without Restore (--skip Restore) the build restores by itself, so a fresh clone still compiles.
            await DotNet.BuildAsync(Solution, Configuration.ToString(), Version.MsBuildProperties, noRestore: Succeeded(Restore));
        });
}
