using Tools;

namespace Chart.Tests;

/// <summary>Which helm the tests run: HELM_EXECUTABLE (the build sets it for test processes), else helm on PATH.
/// No helm is a failure, never a skip: a green run must not hide a missing install step.</summary>
internal static class HelmLocation
{
    public static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable("HELM_EXECUTABLE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"HELM_EXECUTABLE points at '{configured}', which does not exist.");
        }

        return ExecutableSearch.OnPath("helm")
            ?? throw new InvalidOperationException(
                "helm was not found: run ./build.sh Test (it provisions helm) or set HELM_EXECUTABLE to a helm 3.8+ binary.");
    }

    /// <summary>The repository root: the directory above the test binaries that holds TodoApp.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TodoApp.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No TodoApp.slnx above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
