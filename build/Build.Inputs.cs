using Tools;
using System.Xml.Linq;
using Engine;

/// <summary>What the incremental targets read (docs/build-engine.md, "Up-to-date targets"): the sets are named once
/// here so that Restore, Compile, Publish and Test agree on what "the code" is.</summary>
partial class Build
{
    static readonly string[] ProjectFileExtensions = [".csproj", ".props", ".targets"];

    string? dotNetSdkVersion;

    /// <summary>The SDK that builds (a new SDK is a new compiler): asked once per run.</summary>
    string DotNetSdkVersion => dotNetSdkVersion ??= DotNet.RunAsync(DotNet.Spec("--version") with { Quiet = true })
        .GetAwaiter().GetResult().StandardOutput.Trim();

    /// <summary>The solution's projects, as listed in TodoApp.slnx.</summary>
    IEnumerable<AbsolutePath> SolutionProjects() =>
        XDocument.Load(Solution).Descendants("Project")
            .Select(p => (string?)p.Attribute("Path"))
            .OfType<string>()
            .Select(path => RootDirectory / path);

    /// <summary>What decides the package graph: project files, central versions, the SDK pin.</summary>
    void RestoreInputs(Inputs inputs) => inputs
        .Files(Solution)
        .Files(RootDirectory / "global.json")
        .Files(RootDirectory / "Directory.Build.props")
        .Files(RootDirectory / "Directory.Packages.props")
        .Files(RootDirectory / "src", ProjectFileExtensions)
        .Files(RootDirectory / "tests", ProjectFileExtensions)
        .Files(RootDirectory / "build", ProjectFileExtensions)
        .Value("dotnet SDK", () => DotNetSdkVersion);

    /// <summary>Everything compiled: the restore inputs and every source file, plus how it is stamped.</summary>
    void CodeInputs(Inputs inputs)
    {
        RestoreInputs(inputs);
        inputs
            .Files(RootDirectory / "src")
            .Files(RootDirectory / "tests")
            .Files(RootDirectory / "build")
            .Value("Configuration", () => Configuration)
            .Value("version stamp", () => string.Join(";", Version.MsBuildProperties.Select(p => $"{p.Key}={p.Value}")));
    }

    /// <summary>One project and every project it references, transitively (their folders, whole), with the restore
    /// inputs: what its build output depends on and nothing else.</summary>
    Inputs ProjectInputs(Inputs inputs, AbsolutePath project)
    {
        RestoreInputs(inputs);
        inputs.Files(RootDirectory / "src" / "ContainerRuntime.targets");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AbsolutePath>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
                continue;
            inputs.Files(current.Parent!);
            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                if ((string?)reference.Attribute("Include") is { } include)
                    pending.Push(new AbsolutePath(Path.GetFullPath(Path.Combine(current.Parent!, include.Replace('\\', '/')))));
            }
        }

        return inputs;
    }

    /// <summary>Each project's main assembly in the configuration built: present and as Compile left it.</summary>
    IEnumerable<AbsolutePath> CompiledAssemblies() => SolutionProjects().Select(project =>
        project.Parent! / "bin" / Configuration.ToString() / "net10.0" / $"{Path.GetFileNameWithoutExtension(project)}.dll");
}
