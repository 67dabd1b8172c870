using Microsoft.Playwright;
using Prerequisites;

namespace Todo.Web.Tests.Browser;

/// <summary>
/// The machine's Chromium, Chrome or Edge, driven by Playwright. Playwright never downloads a browser: the build finds
/// (or, as root on Debian, installs) one and passes its path in CHROMIUM_EXECUTABLE; run alone, the tests find it the
/// same way (<see cref="BrowserDiscovery"/>).
/// </summary>
public static class Chromium
{
    // Without the background-networking flags Chromium keeps calling home, which a closed network punishes with delays.
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>CHROMIUM_EXECUTABLE (the build sets it), else Chromium, Chrome or Edge where this OS keeps them.</summary>
    public static string Executable =>
        BrowserDiscovery.Find(HostPlatform.Current, out var error)?.Path ?? throw new FileNotFoundException(error);

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = Executable;
        var playwright = await Playwright.CreateAsync();
        // Launch gives every run a fresh, throw-away user data directory.
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Flags,
        });
        return (playwright, browser);
    }
}
