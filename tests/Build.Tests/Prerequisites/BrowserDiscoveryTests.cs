using Engine;
using Prerequisites;
using Tools;

namespace Build.Tests.Prerequisites;

public sealed class BrowserDiscoveryTests : IDisposable
{
    private readonly FakeMachine machine = new();

    public void Dispose() => machine.Dispose();

    [Fact]
    public void CHROMIUM_EXECUTABLE_comes_first()
    {
        machine.FileAt("/usr/bin/chromium");
        machine["CHROMIUM_EXECUTABLE"] = machine.FileAt("/opt/my/chrome");

        var found = BrowserDiscovery.Find(machine.Platform(HostOs.Linux), out _);

        Assert.Equal(machine.PathOf("/opt/my/chrome"), found?.Path);
    }

    [Fact]
    public void A_CHROMIUM_EXECUTABLE_that_does_not_exist_is_the_error_even_when_another_browser_is_installed()
    {
        machine.FileAt("/usr/bin/chromium");
        machine["CHROMIUM_EXECUTABLE"] = "/nowhere/chrome";

        var found = BrowserDiscovery.Find(machine.Platform(HostOs.Linux), out var error);

        Assert.Null(found);
        Assert.StartsWith("CHROMIUM_EXECUTABLE=/nowhere/chrome does not exist.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void On_GitHubs_ubuntu_runner_Google_Chrome_is_found()
    {
        machine.FileAt("/usr/bin/google-chrome");

        Assert.Equal(machine.PathOf("/usr/bin/google-chrome"), BrowserDiscovery.Find(machine.Platform(HostOs.Linux), out _)?.Path);
    }

    [Fact]
    public void On_macOS_Chrome_in_Applications_is_found_and_Chromium_is_preferred_when_both_are_there()
    {
        machine.FileAt("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
        Assert.Equal("Google Chrome", Path.GetFileName(BrowserDiscovery.Find(machine.Platform(HostOs.MacOS), out _)?.Path));

        machine.FileAt("/Applications/Chromium.app/Contents/MacOS/Chromium");
        Assert.Equal("Chromium", Path.GetFileName(BrowserDiscovery.Find(machine.Platform(HostOs.MacOS), out _)?.Path));
    }

    [Fact]
    public void On_Windows_Edge_is_found_when_no_Chrome_is_installed()
    {
        machine["ProgramFiles"] = machine.PathOf("/Program Files");
        machine["ProgramFiles(x86)"] = machine.PathOf("/Program Files (x86)");
        machine.FileAt("/Program Files (x86)/Microsoft/Edge/Application/msedge.exe");

        Assert.Equal(machine.PathOf("/Program Files (x86)/Microsoft/Edge/Application/msedge.exe"), BrowserDiscovery.Find(machine.Platform(HostOs.Windows), out _)?.Path);
    }

    [Fact]
    public void A_browser_only_on_PATH_is_found_there()
    {
        machine.FileAt("/home/me/bin/chromium-browser");
        machine["PATH"] = machine.PathOf("/home/me/bin");

        Assert.Equal("PATH", BrowserDiscovery.Find(machine.Platform(HostOs.Linux), out _)?.FoundBy);
    }

    [Theory]
    [InlineData(HostOs.MacOS, "", "`brew install --cask google-chrome`")]
    [InlineData(HostOs.Windows, "", "`winget install --id Google.Chrome`")]
    [InlineData(HostOs.Linux, "debian", "`sudo apt-get install -y chromium`")]
    [InlineData(HostOs.Linux, "ubuntu", "`sudo snap install chromium`")]
    public void With_no_browser_the_message_names_the_install_command_for_this_OS(HostOs os, string distribution, string command)
    {
        BrowserDiscovery.Find(machine.Platform(os, false, distribution.Length == 0 ? [] : [distribution]), out var error);

        Assert.Contains("Install one: " + command, error, StringComparison.Ordinal);
        Assert.Contains("CHROMIUM_EXECUTABLE", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HostOs.Linux, true, "debian", null, true)]
    [InlineData(HostOs.Linux, true, "ubuntu", null, true)]
    [InlineData(HostOs.Linux, false, "debian", null, false)]
    [InlineData(HostOs.Linux, true, "fedora", null, false)]
    [InlineData(HostOs.MacOS, true, "", null, false)]
    [InlineData(HostOs.Linux, true, "debian", "/nowhere/chrome", false)]
    public void The_build_installs_Debians_chromium_only_as_root_on_Debian_or_Ubuntu_and_only_when_nothing_was_promised(
        HostOs os, bool root, string distribution, string? configured, bool installs)
    {
        machine["CHROMIUM_EXECUTABLE"] = configured;

        Assert.Equal(installs, ChromiumProvisioning.LastResortIsApt(machine.Platform(os, root, distribution.Length == 0 ? [] : [distribution])));
    }
}
