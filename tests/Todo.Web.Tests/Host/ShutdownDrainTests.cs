using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Todo.Contracts;
using Todo.Hosting;
using Todo.Web.Tests.Browser;
using Xunit;

namespace Todo.Web.Tests.Host;

/// <summary>
/// The frontend host as a real process receiving a real SIGTERM (what the kubelet sends when a pod is deleted during
/// a rollout): readiness fails at once, the host keeps answering for SHUTDOWN_DRAIN_SECONDS with
/// <c>Connection: close</c>, then the port closes and the process exits cleanly.
/// </summary>
public sealed class ShutdownDrainTests
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task On_SIGTERM_readiness_fails_at_once_and_requests_are_served_with_connection_close_until_the_drain_ends()
    {
        if (OperatingSystem.IsWindows())
            return; // No SIGTERM on Windows; the host's lifetime test below covers the same behaviour there.

        var port = RunningBackend.FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var output = new StringBuilder();
        var start = new ProcessStartInfo("dotnet", [RepositoryLayout.FrontendAssembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(RepositoryLayout.FrontendAssembly)!,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        // Development: the client's files come from the build output (static web assets), as in `dotnet run`.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["BACKEND_URL"] = "http://127.0.0.1:9";
        start.Environment[ShutdownDrainPeriod.ConfigurationKey] = ((int)Drain.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
            (await WaitForAsync(http, ApiRoutes.HealthReady, HttpStatusCode.OK, TimeSpan.FromSeconds(60))).ShouldBeTrue(Log(output));
            using (var before = await http.GetAsync(ApiRoutes.HealthLive))
                before.Headers.ConnectionClose.ShouldNotBe(true);

            var clock = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();

            (await WaitForAsync(http, ApiRoutes.HealthReady, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(1))).ShouldBeTrue("readiness fails within 1 s of SIGTERM\n" + Log(output));
            var readinessFailedAt = clock.Elapsed;

            // Keep asking until the port closes; every answer while draining is a success that says Connection: close.
            var served = 0;
            var lastServedAt = TimeSpan.Zero;
            while (clock.Elapsed < Drain + TimeSpan.FromSeconds(10))
            {
                try
                {
                    using var fresh = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
                    using var response = await fresh.GetAsync("/index.html");
                    response.StatusCode.ShouldBe(HttpStatusCode.OK);
                    response.Headers.ConnectionClose.ShouldBe(true);
                    served++;
                    lastServedAt = clock.Elapsed;
                }
                catch (HttpRequestException)
                {
                    break; // the port closed
                }
                await Task.Delay(100);
            }

            readinessFailedAt.ShouldBeLessThan(TimeSpan.FromSeconds(1));
            served.ShouldBeGreaterThan(5);
            lastServedAt.ShouldBeGreaterThan(Drain - TimeSpan.FromMilliseconds(500), "the host served until the drain ended");
            process.WaitForExit(TimeSpan.FromSeconds(15)).ShouldBeTrue("the host exits after the drain\n" + Log(output));
            process.ExitCode.ShouldBe(0, Log(output));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData(null, 5)]
    [InlineData("0", 0)]
    [InlineData(" 30 ", 30)]
    public void The_drain_period_is_read_from_SHUTDOWN_DRAIN_SECONDS(string? value, int seconds) =>
        ShutdownDrainPeriod.From(Configuration(value)).Duration.ShouldBe(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("-1")]
    [InlineData("301")]
    [InlineData("five")]
    public void A_drain_period_out_of_range_stops_the_host_at_start_up_naming_the_setting(string value) =>
        Should.Throw<InvalidOperationException>(() => ShutdownDrainPeriod.From(Configuration(value))).Message.ShouldContain("SHUTDOWN_DRAIN_SECONDS");

    private static IConfiguration Configuration(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ShutdownDrainPeriod.ConfigurationKey] = value }).Build();

    private static async Task<bool> WaitForAsync(HttpClient http, string path, HttpStatusCode status, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.StatusCode == status)
                    return true;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        return false;
    }

    private static string Log(StringBuilder output)
    {
        lock (output)
            return output.ToString();
    }
}
