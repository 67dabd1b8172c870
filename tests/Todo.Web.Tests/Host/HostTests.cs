using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Shouldly;
using Todo.Contracts;
using Xunit;

namespace Todo.Web.Tests.Host;

public sealed partial class HostTests : IAsyncLifetime
{
    private LoopbackBackend backend = null!;
    private FrontendHost host = null!;

    public async Task InitializeAsync()
    {
        backend = await LoopbackBackend.StartAsync();
        host = new FrontendHost(backend.Address);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await backend.DisposeAsync();
    }

    [Fact]
    public async Task Signing_in_keeps_the_backends_token_in_an_http_only_strict_cookie_and_gives_the_page_only_the_profile()
    {
        using var browser = host.CreateBrowser();

        using var response = await browser.SendAsync(SignIn(LoopbackBackend.Password));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain(LoopbackBackend.Token);
        (await response.Content.ReadFromJsonAsync(TodoJsonContext.Default.UserProfile)).ShouldBe(LoopbackBackend.Ada);
        var cookie = response.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem();
        cookie.ShouldStartWith($"todo_session={LoopbackBackend.Token};");
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldNotContain("secure", Case.Insensitive, "plain HTTP here; Secure is set when the request is HTTPS");
    }

    [Fact]
    public async Task A_wrong_password_is_answered_with_the_backends_problem_details_and_no_cookie()
    {
        using var browser = host.CreateBrowser();

        using var response = await browser.SendAsync(SignIn("wrong"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("The email or password is not right.");
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task A_sign_up_validation_error_reaches_the_page_with_its_field_messages()
    {
        using var browser = host.CreateBrowser();
        using var request = Unsafe(HttpMethod.Post, BffRoutes.SignUp);
        request.Content = JsonContent.Create(new SignUpRequest("ada@example.com", "short"), TodoJsonContext.Default.SignUpRequest);

        using var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Use at least 8 characters.");
    }

    [Fact]
    public async Task Api_requests_go_to_the_backend_named_by_BACKEND_URL_with_the_cookie_turned_into_a_bearer_token()
    {
        using var browser = host.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Me);
        request.Headers.Add("Cookie", $"todo_session={LoopbackBackend.Token}; theme=dark");

        using var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync(TodoJsonContext.Default.UserProfile)).ShouldBe(LoopbackBackend.Ada);
        var forwarded = backend.Received.ShouldHaveSingleItem();
        forwarded.PathAndQuery.ShouldBe(ApiRoutes.Me);
        forwarded.Authorization.ShouldBe($"Bearer {LoopbackBackend.Token}");
        forwarded.Cookie.ShouldBeEmpty("the browser's cookies stay between the browser and the host");
    }

    [Fact]
    public async Task A_bearer_header_from_the_page_is_not_passed_on_only_the_cookie_counts()
    {
        using var browser = host.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Tasks + "?status=open");
        request.Headers.Add("Authorization", "Bearer forged");

        using var _ = await browser.SendAsync(request);

        var forwarded = backend.Received.ShouldHaveSingleItem();
        forwarded.PathAndQuery.ShouldBe(ApiRoutes.Tasks + "?status=open");
        forwarded.Authorization.ShouldBeEmpty();
    }

    [Fact]
    public async Task When_the_backend_refuses_the_token_the_session_cookie_is_cleared()
    {
        using var browser = host.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Me);
        request.Headers.Add("Cookie", "todo_session=expired-token");

        using var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var cookie = response.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem();
        cookie.ShouldStartWith("todo_session=;");
        cookie.ShouldContain("expires=Thu, 01 Jan 1970", Case.Insensitive);
    }

    [Fact]
    public async Task Cookies_the_backend_tries_to_set_do_not_reach_the_browser()
    {
        using var browser = host.CreateBrowser();
        using var request = Unsafe(HttpMethod.Post, ApiRoutes.Tasks);
        request.Content = JsonContent.Create(new CreateTaskRequest("buy milk"), TodoJsonContext.Default.CreateTaskRequest);

        using var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Theory]
    [InlineData("POST", ApiRoutes.Tasks)]
    [InlineData("PATCH", "/api/tasks/1")]
    [InlineData("DELETE", "/api/tasks/1")]
    [InlineData("POST", ApiRoutes.Chat)]
    [InlineData("POST", BffRoutes.SignIn)]
    [InlineData("POST", BffRoutes.SignOut)]
    public async Task A_state_changing_request_without_the_anti_forgery_header_is_refused_before_the_backend_sees_it(string method, string path)
    {
        using var browser = host.CreateBrowser();
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("""{"title":"x","email":"a@b.c","password":"p"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", $"todo_session={LoopbackBackend.Token}");

        using var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain(BffRoutes.CsrfHeader);
        backend.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Signing_out_expires_the_cookie()
    {
        using var browser = host.CreateBrowser();

        using var response = await browser.SendAsync(Unsafe(HttpMethod.Post, BffRoutes.SignOut));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().ShouldStartWith("todo_session=;");
    }

    [Fact]
    public async Task The_page_carries_a_policy_allowing_only_its_own_scripts_and_wasm_and_has_no_inline_script()
    {
        using var browser = host.CreateBrowser();

        using var response = await browser.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        InlineScript().IsMatch(html).ShouldBeFalse("the CSP allows no inline script, so the page must have none");
        html.ShouldNotContain("style=");
        var csp = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        csp.ShouldContain("script-src 'self' 'wasm-unsafe-eval';");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("'unsafe-eval'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
    }

    [Fact]
    public async Task Proxied_api_answers_carry_the_security_headers_too()
    {
        using var browser = host.CreateBrowser();

        using var response = await browser.GetAsync(ApiRoutes.Me);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.Contains("Content-Security-Policy").ShouldBeTrue();
    }

    [Fact]
    public async Task Index_html_is_revalidated_on_every_visit_while_fingerprinted_files_are_cached_for_good_and_compressed()
    {
        using var browser = host.CreateBrowser();
        using var index = await browser.GetAsync("/");
        (await index.Content.ReadAsStringAsync()).ShouldContain("_framework/blazor.webassembly.js");
        using var entry = await browser.GetAsync("/_framework/dotnet.js");
        var runtime = FingerprintedRuntime().Match(await entry.Content.ReadAsStringAsync()).Value;
        runtime.ShouldNotBeEmpty("dotnet.js names the runtime by its fingerprint");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/_framework/" + runtime);
        request.Headers.Add("Accept-Encoding", "gzip, br");
        using var asset = await browser.SendAsync(request);

        index.Headers.CacheControl!.NoCache.ShouldBeTrue();
        entry.Headers.CacheControl!.NoCache.ShouldBeTrue("the unfingerprinted entry files are revalidated like index.html");
        asset.StatusCode.ShouldBe(HttpStatusCode.OK);
        asset.Headers.CacheControl!.ToString().ShouldContain("immutable");
        asset.Headers.CacheControl.MaxAge.ShouldBe(TimeSpan.FromDays(365));
        asset.Content.Headers.ContentEncoding.ShouldHaveSingleItem().ShouldBeOneOf("br", "gzip");
    }

    [Fact]
    public async Task A_deep_link_gets_the_app_not_a_404()
    {
        using var browser = host.CreateBrowser();

        using var response = await browser.GetAsync("/conversations/recent");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<div id=\"app\">");
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
    }

    [Theory]
    [InlineData("/health/fault-injected-unready")]
    [InlineData("/health/anything")]
    [InlineData("/bff/unknown")]
    public async Task An_unknown_path_under_the_hosts_own_routes_is_a_404_not_the_app_page(string path)
    {
        using var browser = host.CreateBrowser();

        using var response = await browser.GetAsync(path);

        // A probe of a wrong path must fail, as it would on any server: the chart's faults.frontendUnready relies on it.
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("<div id=\"app\">");
    }

    [Fact]
    public async Task Readiness_stays_up_while_the_backend_hiccups_and_reports_it_as_degraded()
    {
        using var browser = host.CreateBrowser();

        using var healthy = await browser.GetAsync(ApiRoutes.HealthReady);
        backend.Ready = false;
        using var hiccup = await browser.GetAsync(ApiRoutes.HealthReady);
        using var live = await browser.GetAsync(ApiRoutes.HealthLive);

        healthy.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await healthy.Content.ReadAsStringAsync()).ShouldStartWith("""{"status":"Healthy""");
        hiccup.StatusCode.ShouldBe(HttpStatusCode.OK, "one backend hiccup must not take every frontend replica out of service");
        var report = await hiccup.Content.ReadAsStringAsync();
        report.ShouldContain("""{"status":"Degraded""");
        report.ShouldContain("""backend":{"status":"Degraded","description":"The backend answered 503 to its readiness probe."}""");
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_in_while_the_backend_is_unreachable_answers_503_with_an_explanation()
    {
        await using var orphan = new FrontendHost(new Uri("http://127.0.0.1:1"));
        using var browser = orphan.CreateBrowser();

        using var response = await browser.SendAsync(SignIn(LoopbackBackend.Password));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).ShouldContain("can't be reached");
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

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"dotnet\.native\.[a-z0-9]+\.wasm")]
    private static partial Regex FingerprintedRuntime();
}
