using System.Net;
using Todo.Contracts;

namespace Todo.Smoke.Tests;

public sealed partial class SmokeChecks
{
    [Check(1, "UI page is served as HTML with security headers")]
    public async Task Ui_page()
    {
        var page = await session.SendAsync(HttpMethod.Get, "/");
        page.ShouldHaveStatus(HttpStatusCode.OK)
            .ShouldBe(page.MediaType == "text/html", "Content-Type text/html")
            .ShouldBe(page.Body.Contains("_framework/blazor.webassembly", StringComparison.Ordinal),
                "the page to load the Blazor WebAssembly client (_framework/blazor.webassembly…js)")
            .ShouldBe(page.Header("X-Content-Type-Options") == "nosniff", "X-Content-Type-Options: nosniff")
            .ShouldBe(page.Header("Content-Security-Policy") is { } csp && csp.Contains("frame-ancestors", StringComparison.Ordinal),
                "a Content-Security-Policy that states frame-ancestors (no clickjacking)")
            .ShouldBe(page.Header("Referrer-Policy") is not null, "a Referrer-Policy header");
    }

    [Check(2, "Frontend /health/live answers 200")]
    public async Task Frontend_live() =>
        (await session.SendAsync(HttpMethod.Get, ApiRoutes.HealthLive)).ShouldHaveStatus(HttpStatusCode.OK);

    [Check(3, "Frontend /health/ready answers 200")]
    public async Task Frontend_ready() =>
        (await session.SendAsync(HttpMethod.Get, ApiRoutes.HealthReady)).ShouldHaveStatus(HttpStatusCode.OK);

    [BackendCheck(4, "Backend /health/live answers 200")]
    public async Task Backend_live() => (await SendToBackendAsync(ApiRoutes.HealthLive)).ShouldHaveStatus(HttpStatusCode.OK);

    [BackendCheck(5, "Backend /health/ready answers 200 (database reachable)")]
    public async Task Backend_ready() => (await SendToBackendAsync(ApiRoutes.HealthReady)).ShouldHaveStatus(HttpStatusCode.OK);

    static async Task<Exchange> SendToBackendAsync(string path)
    {
        using var client = SmokeSession.NewClient(SmokeEndpoints.Backend!);
        return await SmokeSession.SendAsync(client, HttpMethod.Get, path, null);
    }
}
