namespace Prerequisites;

/// <summary>A Chromium-family browser the tests can drive (Playwright speaks the same protocol to all of them).</summary>
public sealed record BrowserExecutable(string Path, string FoundBy);

/// <summary>
/// Finds Chromium, Chrome or Edge: CHROMIUM_EXECUTABLE first (a promise: when set but missing, that is the answer),
/// then each OS's usual install locations, then the usual names on PATH.
/// </summary>
public static class BrowserDiscovery
{
    public static BrowserExecutable? Find() => Find(HostPlatform.Current, out _);

    /// <summary>The browser, or null with <paramref name="error"/> saying why (CHROMIUM_EXECUTABLE wrong, or nothing found).</summary>
    public static BrowserExecutable? Find(HostPlatform platform, out string? error)
    {
        error = null;
        if (platform.Variable("CHROMIUM_EXECUTABLE") is { Length: > 0 } configured)
        {
            if (File.Exists(configured))
            {
                return new(configured, "CHROMIUM_EXECUTABLE");
            }

            error = $"CHROMIUM_EXECUTABLE={configured} does not exist. Point it at a Chromium, Chrome or Edge executable, or unset it to "
                + $"let the tests look in the usual places.";
            return null;
        }

        foreach (var location in UsualLocations(platform))
        {
            if (File.Exists(location))
            {
                return new(location, "usual location");
            }
        }

        foreach (var name in PathNames)
        {
            foreach (var directory in platform.PathDirectories)
            {
                var candidate = System.IO.Path.Combine(directory, platform.ExecutableName(name));
                if (File.Exists(candidate))
                {
                    return new(candidate, "PATH");
                }
            }
        }

        error = MissingMessage(platform);
        return null;
    }

    private static readonly string[] PathNames =
        ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "microsoft-edge", "microsoft-edge-stable",
            "msedge"];

    /// <summary>Where installers put the browsers, Chromium first (the smallest and what CI installs), then Chrome, then Edge.</summary>
    public static IEnumerable<string> UsualLocations(HostPlatform platform)
    {
        switch (platform.Os)
        {
            case HostOs.Linux:
                foreach (var path in new[]
                {
                    "/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium",
                    "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/opt/google/chrome/chrome",
                    "/usr/bin/microsoft-edge", "/usr/bin/microsoft-edge-stable", "/opt/microsoft/msedge/msedge",
                })
                {
                    yield return platform.Under(path);
                }

                break;
            case HostOs.MacOS:
                var bundles = new[]
                {
                    "Chromium.app/Contents/MacOS/Chromium",
                    "Google Chrome.app/Contents/MacOS/Google Chrome",
                    "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
                };
                foreach (var bundle in bundles)
                {
                    yield return System.IO.Path.Combine(platform.Under("/Applications"), bundle);
                    if (platform.Variable("HOME") is { Length: > 0 } home)
                    {
                        yield return System.IO.Path.Combine(home, "Applications", bundle);
                    }
                }

                break;
            case HostOs.Windows:
                var roots = new[] { platform.Variable("LOCALAPPDATA"), platform.Variable("ProgramFiles"),
                    platform.Variable("ProgramFiles(x86)") }
                    .OfType<string>().Where(r => r.Length > 0).ToList();
                foreach (
                    var inner in new[] { @"Chromium\Application\chrome.exe", @"Google\Chrome\Application\chrome.exe",
                        @"Microsoft\Edge\Application\msedge.exe" })
                {
                    foreach (var root in roots)
                    {
                        yield return System.IO.Path.Combine(root, inner.Replace('\\', System.IO.Path.DirectorySeparatorChar));
                    }
                }

                break;
        }
    }

    /// <summary>The command that installs a browser on this kind of machine.</summary>
    public static string InstallCommand(HostPlatform platform) => platform.Os switch
    {
        HostOs.MacOS => "brew install --cask google-chrome",
        HostOs.Windows => "winget install --id Google.Chrome",
        _ when platform.DistributionIds.Contains("ubuntu") => $"{platform.Sudo}snap install chromium",
        _ when platform.IsDebianFamily => $"{platform.Sudo}apt-get install -y chromium",
        _ when platform.IsFedoraFamily => $"{platform.Sudo}dnf install -y chromium",
        _ => "your distribution's chromium package",
    };

    public static string MissingMessage(HostPlatform platform) =>
        $"No Chromium, Chrome or Edge found for the browser tests (looked in the usual places and on PATH). Install one: "
        + $"`{InstallCommand(platform)}`; or point CHROMIUM_EXECUTABLE at a browser's executable.";
}
