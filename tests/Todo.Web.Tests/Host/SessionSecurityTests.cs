using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;
using Todo.Contracts;
using Todo.Web.Client.Api;
using Xunit;

namespace Todo.Web.Tests.Host;

/// <summary>
/// Issue 17 at the frontend host: the client address it vouches for, the routes that would hand JavaScript a token,
/// sign-out that really ends the session, the cookie and HSTS over HTTPS, and sliding renewal. The address tests run
/// the host on real Kestrel over loopback, because the peer address is what they are about.
/// </summary>
public sealed class SessionSecurityTests : IAsyncLifetime
{
    private const string ForgedAddress = "6.6.6.6";
    private LoopbackBackend backend = null!;
    private readonly List<FrontendHost> hosts = [];

    public async Task InitializeAsync() => backend = await LoopbackBackend.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
            await host.DisposeAsync();
        await backend.DisposeAsync();
    }

    [Fact]
    public async Task Sign_in_tells_the_backend_the_real_client_address_not_the_one_the_client_claims()
    {
        using var browser = OnKestrel();
        using var request = SignIn(LoopbackBackend.Password);
        request.Headers.Add("X-Forwarded-For", ForgedAddress);

        using var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        backend.Received.Single(r => r.PathAndQuery == ApiRoutes.SignIn).ForwardedFor.ShouldBe("127.0.0.1");
    }

    [Fact]
    public async Task Proxied_api_calls_carry_the_real_client_address_not_a_forged_one()
    {
        using var browser = OnKestrel();
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Me);
        request.Headers.Add("X-Forwarded-For", ForgedAddress);

        using var _ = await browser.SendAsync(request);

        backend.Received.Single(r => r.PathAndQuery == ApiRoutes.Me).ForwardedFor.ShouldBe("127.0.0.1");
    }

    [Fact]
    public async Task Behind_an_ingress_listed_in_TRUSTED_PROXIES_the_address_it_reports_is_the_one_passed_on()
    {
        using var browser = OnKestrel(new() { ["TRUSTED_PROXIES"] = "127.0.0.1" });
        using var request = SignIn(LoopbackBackend.Password);
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");

        using var response = await browser.SendAsync(request);

        backend.Received.Single(r => r.PathAndQuery == ApiRoutes.SignIn).ForwardedFor.ShouldBe("198.51.100.7");
    }

    [Theory]
    [InlineData("/api/auth/signin")]
    [InlineData("/api/auth/signup")]
    [InlineData("/api/auth/refresh")]
    [InlineData("/API/Auth/SignIn")]
    public async Task The_backend_routes_that_answer_a_raw_token_are_not_proxied(string path)
    {
        using var browser = Host().CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("{\"email\":\"ada@example.com\",\"password\":\"correct horse\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(BffRoutes.CsrfHeader, BffRoutes.CsrfHeaderValue);

        using var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(LoopbackBackend.Token);
        backend.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_the_backend_and_expires_the_cookie()
    {
        using var browser = Host().CreateBrowser();
        using var request = Unsafe(HttpMethod.Post, BffRoutes.SignOut);
        request.Headers.Add("Cookie", $"todo_session={LoopbackBackend.Token}");

        using var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        backend.Received.Single(r => r.PathAndQuery == ApiRoutes.SignOut).Authorization.ShouldBe($"Bearer {LoopbackBackend.Token}");
        response.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().ShouldStartWith("todo_session=;");
    }

    [Fact]
    public async Task Over_https_the_cookie_is_Secure_under_the_Host_prefix_and_HSTS_is_sent()
    {
        using var browser = Host().CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://todo.example.test"),
            HandleCookies = false,
            AllowAutoRedirect = false,
        });

        using var response = await browser.SendAsync(SignIn(LoopbackBackend.Password));

        var cookie = response.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem();
        cookie.ShouldStartWith($"__Host-todo_session={LoopbackBackend.Token};");
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("path=/", Case.Insensitive);
        cookie.ShouldNotContain("domain", Case.Insensitive);
        response.Headers.GetValues("Strict-Transport-Security").ShouldHaveSingleItem().ShouldStartWith("max-age=31536000");
    }

    [Fact]
    public async Task Over_plain_http_there_is_no_HSTS_and_SESSION_COOKIE_SECURE_always_still_makes_the_cookie_Secure()
    {
        using var browser = Host(new() { ["SESSION_COOKIE_SECURE"] = "always" }).CreateBrowser();

        using var response = await browser.SendAsync(SignIn(LoopbackBackend.Password));

        response.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().ShouldStartWith("__Host-todo_session=");
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task A_token_past_half_its_life_is_renewed_before_the_call_is_forwarded_and_the_cookie_rewritten()
    {
        using var browser = Host().CreateBrowser();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var aging = Token(issuedAt: now - 7200, expires: now + 3600);
        using var request = Unsafe(HttpMethod.Post, ApiRoutes.Tasks);
        request.Content = JsonContent.Create(new CreateTaskRequest("buy milk"), TodoJsonContext.Default.CreateTaskRequest);
        request.Headers.Add("Cookie", $"todo_session={aging}");

        using var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        backend.Received.Select(r => r.PathAndQuery).ShouldBe([ApiRoutes.Refresh, ApiRoutes.Tasks]);
        backend.Received.First().Authorization.ShouldBe($"Bearer {aging}");
        backend.Received.Last().Authorization.ShouldBe($"Bearer {LoopbackBackend.RenewedToken}");
        response.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().ShouldStartWith($"todo_session={LoopbackBackend.RenewedToken};");
    }

    [Fact]
    public async Task A_fresh_token_is_not_renewed()
    {
        using var browser = Host().CreateBrowser();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Me);
        request.Headers.Add("Cookie", $"todo_session={Token(issuedAt: now - 60, expires: now + 3600)}");

        using var _ = await browser.SendAsync(request);

        backend.Received.Select(r => r.PathAndQuery).ShouldBe([ApiRoutes.Me]);
    }

    /// <summary>A JWT-shaped token with the given times; the loopback backend does not check signatures.</summary>
    private static string Token(long issuedAt, long expires) =>
        "eyJhbGciOiJIUzI1NiJ9." + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"sub\":\"ada\",\"iat\":{issuedAt},\"exp\":{expires}}}")) + ".sig";

    private FrontendHost Host(Dictionary<string, string>? settings = null)
    {
        var host = new FrontendHost(backend.Address, settings);
        hosts.Add(host);
        return host;
    }

    private HttpClient OnKestrel(Dictionary<string, string>? settings = null)
    {
        var host = Host(settings);
        host.UseKestrel(0);
        // Without options the client is pointed at the address Kestrel actually bound.
        return host.CreateClient();
    }

    private static HttpRequestMessage SignIn(string password)
    {
        var request = Unsafe(HttpMethod.Post, BffRoutes.SignIn);
        request.Content = JsonContent.Create(new SignInRequest("ada@example.com", password), TodoJsonContext.Default.SignInRequest);
        return request;
    }

    private static HttpRequestMessage Unsafe(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(BffRoutes.CsrfHeader, BffRoutes.CsrfHeaderValue);
        return request;
    }
}
