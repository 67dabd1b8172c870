using Prerequisites;
using Engine;

namespace Tools;

/// <summary>A browser for the browser tests, found the way the tests find one (<see cref="BrowserDiscovery"/>:
/// CHROMIUM_EXECUTABLE, then Chromium, Chrome or Edge where each OS puts them, then PATH); as a last resort Debian's
/// chromium package when running as root on Debian/Ubuntu; else an error naming the install command for this OS.</summary>
internal static class ChromiumProvisioning
{
    public static async Task<string> ProvisionAsync(AbsolutePath toolsDirectory, CancellationToken cancellationToken)
    {
        var environment = BuildContext.Environment;
        var platform = HostPlatform.Detect(name => environment.GetValueOrDefault(name));
        if (BrowserDiscovery.Find(platform, out var error) is { } found)
        {
            return found.Path;
        }

        if (!LastResortIsApt(platform) || ExecutableSearch.OnPath("apt-get") is not { } aptGet)
        {
            throw new InvalidOperationException(error);
        }

        Log.Info("No Chromium, Chrome or Edge found: installing Debian's chromium package");
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

        return BrowserDiscovery.Find(platform, out error)?.Path ?? throw new InvalidOperationException(error);
    }

    /// <summary>Only root on Debian or Ubuntu may install one, and only when CHROMIUM_EXECUTABLE promised nothing.</summary>
    internal static bool LastResortIsApt(HostPlatform platform) =>
        platform is { Os: HostOs.Linux, IsRoot: true, IsDebianFamily: true }
            && string.IsNullOrEmpty(platform.Variable("CHROMIUM_EXECUTABLE"));
}
