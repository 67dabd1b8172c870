namespace Todo.Web.Tests.Browser;

/// <summary>Where things are in the checkout, found by walking up from the test binaries to TodoApp.slnx.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string Screenshots => Path.Combine(Root, "artifacts", "screenshots");

    /// <summary>The backend built alongside these tests (same configuration: Debug or Release).</summary>
    public static string BackendAssembly => BuiltAssembly("Todo.Api");

    /// <summary>The frontend host built alongside these tests, to run as a real process (signals, port closing).</summary>
    public static string FrontendAssembly => BuiltAssembly("Todo.Web");

    private static string BuiltAssembly(string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(Root, "src", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"{project} is not built at {path}. Build the tests (dotnet build tests/Todo.Web.Tests), which builds src/{project} too.");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TodoApp.slnx")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException($"No TodoApp.slnx above {AppContext.BaseDirectory}.");
    }
}
