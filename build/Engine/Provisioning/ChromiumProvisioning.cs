namespace Engine;

/// <summary>A Chromium for browser tests: CHROMIUM_EXECUTABLE, /usr/bin/chromium, a Chromium or Chrome on PATH, else
/// Debian's package when running as root on Debian/Ubuntu, else an error telling how to install one.</summary>
internal static class ChromiumProvisioning
{
    private const string DebianPath = "/usr/bin/chromium";

    public static async Task<string> ProvisionAsync(AbsolutePath toolsDirectory, CancellationToken cancellationToken)
    {
        var environment = BuildSession.Current.Environment;
        if (environment.GetValueOrDefault("CHROMIUM_EXECUTABLE") is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"CHROMIUM_EXECUTABLE points to {configured}, which does not exist.");
        }

        if (Found() is { } found)
        {
            return found;
        }

        var isRoot = Environment.UserName == "root";
        if (isRoot && File.Exists("/etc/debian_version") && ExecutableSearch.OnPath("apt-get") is { } aptGet)
        {
            Log.Info("No Chromium found: installing Debian's chromium package");
            var install = new ProcessSpec(aptGet, ["install", "-y", "--no-install-recommends", "chromium"])
            {
                Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" },
                AllowFailure = true,
            };
            if ((await ProcessRunner.RunAsync(install, cancellationToken)).ExitCode != 0)
            {
                // A fresh machine has no package lists yet.
                await ProcessRunner.RunAsync(new ProcessSpec(aptGet, ["update"]) { Quiet = true }, cancellationToken);
                await ProcessRunner.RunAsync(install with { AllowFailure = false }, cancellationToken);
            }

            if (Found() is { } installed)
            {
                return installed;
            }
        }

        throw new InvalidOperationException(
            "No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; "
            + "elsewhere Chrome or Chromium from your package manager) or point CHROMIUM_EXECUTABLE at its executable.");
    }

    private static readonly string[] OnPathNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private static string? Found() =>
        File.Exists(DebianPath)
            ? DebianPath
            : OnPathNames.Select(n => ExecutableSearch.OnPath(n)).FirstOrDefault(p => p is not null);
}
