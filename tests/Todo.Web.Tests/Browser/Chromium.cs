using Microsoft.Playwright;

namespace Todo.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium, driven by Playwright. Playwright never downloads a browser here: the build provisions Chromium
/// (apt) and passes its path in CHROMIUM_EXECUTABLE.
/// </summary>
public static class Chromium
{
    // Without the background-networking flags Chromium keeps calling home, which a closed network punishes with delays.
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static string Executable
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("CHROMIUM_EXECUTABLE");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return File.Exists(configured)
                    ? configured
                    : throw new FileNotFoundException($"CHROMIUM_EXECUTABLE={configured} does not exist.");
            }
            return File.Exists("/usr/bin/chromium")
                ? "/usr/bin/chromium"
                : throw new FileNotFoundException(
                    "No Chromium found: CHROMIUM_EXECUTABLE is not set and /usr/bin/chromium does not exist. " +
                    "`./build.sh Test` provisions it (and sets CHROMIUM_EXECUTABLE); by hand: apt-get install -y chromium.");
        }
    }

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
