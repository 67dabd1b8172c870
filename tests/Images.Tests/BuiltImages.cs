using Images;

namespace Images.Tests;

/// <summary>What the tests run against: the images DockerBuild listed in artifacts/images.json (or IMAGES_MANIFEST),
/// through the docker CLI the build used (DOCKER_CLI).</summary>
public static class BuiltImages
{
    public static Docker Docker { get; } = new(Environment.GetEnvironmentVariable("DOCKER_CLI") is { Length: > 0 } cli ? cli : "docker", DockerBuilder.Classic);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static ImagesManifest Manifest { get; } = ImagesManifest.Read(
        Environment.GetEnvironmentVariable("IMAGES_MANIFEST") is { Length: > 0 } path ? path : Path.Combine(RepositoryRoot, "artifacts", "images.json"));

    /// <summary>How long a container may take to answer /health/live. "A second or two" on an idle machine; CI machines
    /// shared by several builds get more room (IMAGE_START_SECONDS), and the measured time is always printed.</summary>
    public static TimeSpan StartBudget { get; } = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("IMAGE_START_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 20);

    /// <summary>How long one request to a started container may take: 5 s (IMAGE_REQUEST_SECONDS for more). The first
    /// requests of a JIT app under user-mode emulation (an arm64 image on an amd64 machine, docs/images.md) take longer.</summary>
    public static TimeSpan RequestBudget { get; } = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("IMAGE_REQUEST_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 5);

    static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TodoApp.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("TodoApp.slnx not found above the test output");
    }
}
