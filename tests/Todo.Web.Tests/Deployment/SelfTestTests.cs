using System.Diagnostics;
using Shouldly;
using Todo.Web.Tests.Browser;
using Xunit;
using Xunit.Abstractions;

namespace Todo.Web.Tests.Deployment;

/// <summary>
/// The <c>selftest</c> verb that <c>helm test</c> runs, run the same way: the backend image's program as a process of
/// its own, given the two Services' URLs, against the real backend (child process) and the real frontend host (Kestrel
/// on a loopback port). Before it spoke the browser's protocol to the frontend, it signed up through /api without the
/// anti-forgery header (403) and then sent a bearer token the proxy drops (401): `helm test` could never pass.
/// </summary>
public sealed class SelfTestTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RunningApps apps = null!;

    public async Task InitializeAsync() => apps = await RunningApps.StartAsync();

    public async Task DisposeAsync()
    {
        if (apps is not null)
            await apps.DisposeAsync();
    }

    [Fact]
    public async Task Passes_against_a_healthy_deployment_proving_the_ui_the_session_flow_and_both_task_round_trips()
    {
        var (exitCode, lines) = await RunSelfTestAsync(apps.Backend.Address, apps.Frontend);

        exitCode.ShouldBe(0, string.Join('\n', lines));
        lines.ShouldNotContain(line => line.StartsWith("FAIL", StringComparison.Ordinal));
        lines.ShouldContain("ok   frontend serves the UI (/)");
        lines.ShouldContain(line => line.StartsWith("ok   frontend: sign up through /bff/signup", StringComparison.Ordinal));
        lines.ShouldContain(line => line.StartsWith("ok   frontend: the session reaches the backend", StringComparison.Ordinal));
        lines.ShouldContain("ok   frontend: create a task");
        lines.ShouldContain("ok   backend: create a task");
        lines.ShouldContain(line => line.StartsWith("ok   backend: task ", StringComparison.Ordinal) && line.EndsWith(" is gone", StringComparison.Ordinal));
        lines[^1].ShouldBe("selftest passed");
    }

    [Fact]
    public async Task Fails_naming_the_check_when_the_frontend_service_does_not_answer()
    {
        var missing = new Uri($"http://127.0.0.1:{RunningBackend.FreeLoopbackPort()}/");

        var (exitCode, lines) = await RunSelfTestAsync(apps.Backend.Address, missing);

        exitCode.ShouldBe(1);
        lines.ShouldContain(line => line.StartsWith("FAIL frontend ready", StringComparison.Ordinal));
        lines.ShouldContain("ok   backend: create a task");
        lines[^1].ShouldBe("selftest failed: 1 check(s)");
    }

    /// <summary>Runs the backend program's selftest verb as the helm test pod does: arguments and environment only.</summary>
    private async Task<(int ExitCode, IReadOnlyList<string> Lines)> RunSelfTestAsync(Uri backendUrl, Uri frontendUrl)
    {
        var start = new ProcessStartInfo("dotnet", [RepositoryLayout.BackendAssembly, "selftest"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SELFTEST_BACKEND_URL"] = backendUrl.ToString().TrimEnd('/');
        start.Environment["SELFTEST_FRONTEND_URL"] = frontendUrl.ToString().TrimEnd('/');
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        output.WriteLine(text);
        return (process.ExitCode, text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
