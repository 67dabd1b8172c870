using System.Net;
using System.Net.Http.Json;
using Todo.Contracts;

namespace Todo.Smoke.Tests;

public sealed partial class SmokeChecks
{
    [Check(10, "Anonymous task list through the frontend is refused with 401")]
    public async Task Anonymous_is_refused()
    {
        using var anonymous = SmokeSession.NewClient(session.FrontendUrl, new CookieContainer());
        (await SmokeSession.SendAsync(anonymous, HttpMethod.Get, ApiRoutes.Tasks, null))
            .ShouldHaveStatus(HttpStatusCode.Unauthorized);
    }

    [Check(11, "Sign up through the frontend sets an HTTP-only session cookie")]
    public async Task Sign_up()
    {
        var signUp = await session.SendAsync(HttpMethod.Post, FrontendAuth.SignUp,
            new SignUpRequest(session.Email, session.Password, "Smoke"), TodoJsonContext.Default.SignUpRequest);
        signUp.ShouldBe(signUp.Status is HttpStatusCode.OK or HttpStatusCode.Created, "status 200 or 201")
            .ShouldBe(SessionCookies(signUp).Any(cookie => cookie.StartsWith(FrontendAuth.SessionCookie + "=", StringComparison.Ordinal)),
                $"a Set-Cookie header for {FrontendAuth.SessionCookie}")
            .ShouldBe(SessionCookies(signUp).All(cookie => cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase)
                    && cookie.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase)),
                "every cookie HttpOnly and SameSite=Strict (page scripts and other sites must not use the session)")
            .ShouldBe(!signUp.Body.Contains(".ey", StringComparison.Ordinal),
                "no bearer token in the body: the frontend keeps it behind the cookie");
        session.SignedIn = true;

        var me = await session.SendAsync(HttpMethod.Get, FrontendAuth.Me);
        me.ShouldHaveStatus(HttpStatusCode.OK);
        me.ShouldBe(me.Json(TodoJsonContext.Default.UserProfile).Email == session.Email, $"the profile of {session.Email}");
    }

    [Check(12, "Sign in through the frontend opens a second session for the same user")]
    public async Task Sign_in()
    {
        await session.EnsureSignedInAsync();
        using var browser = SmokeSession.NewClient(session.FrontendUrl, new CookieContainer());
        var signIn = await SmokeSession.SendAsync(browser, HttpMethod.Post, FrontendAuth.SignIn,
            JsonContent.Create(new SignInRequest(session.Email, session.Password), TodoJsonContext.Default.SignInRequest));
        signIn.ShouldHaveStatus(HttpStatusCode.OK)
            .ShouldBe(SessionCookies(signIn).Any(cookie => cookie.StartsWith(FrontendAuth.SessionCookie + "=", StringComparison.Ordinal)),
                $"a Set-Cookie header for {FrontendAuth.SessionCookie}");

        var me = await SmokeSession.SendAsync(browser, HttpMethod.Get, FrontendAuth.Me, null);
        me.ShouldHaveStatus(HttpStatusCode.OK);
        me.ShouldBe(me.Json(TodoJsonContext.Default.UserProfile).Email == session.Email, $"the profile of {session.Email}");
    }

    [Check(13, "Sign in with a wrong password is refused with 401")]
    public async Task Wrong_password()
    {
        await session.EnsureSignedInAsync();
        using var browser = SmokeSession.NewClient(session.FrontendUrl, new CookieContainer());
        (await SmokeSession.SendAsync(browser, HttpMethod.Post, FrontendAuth.SignIn,
                JsonContent.Create(new SignInRequest(session.Email, "not-the-password"), TodoJsonContext.Default.SignInRequest)))
            .ShouldHaveStatus(HttpStatusCode.Unauthorized);
    }

    [Check(14, "A state-changing request without the anti-forgery header is refused with 403")]
    public async Task Missing_anti_forgery_header()
    {
        await session.EnsureSignedInAsync();
        using var forged = SmokeSession.NewClient(session.FrontendUrl, session.Cookies);
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Tasks.TrimStart('/'))
        {
            Content = JsonContent.Create(new CreateTaskRequest("smoke: forged by another site"), TodoJsonContext.Default.CreateTaskRequest),
        };
        (await Exchange.SendAsync(forged, request, CancellationToken.None)).ShouldHaveStatus(HttpStatusCode.Forbidden);
    }

    [Check(50, "Sign out clears the session: the same browser is refused afterwards")]
    public async Task Sign_out()
    {
        await session.EnsureSignedInAsync();
        var cookies = new CookieContainer();
        using var browser = SmokeSession.NewClient(session.FrontendUrl, cookies);
        (await SmokeSession.SendAsync(browser, HttpMethod.Post, FrontendAuth.SignIn,
                JsonContent.Create(new SignInRequest(session.Email, session.Password), TodoJsonContext.Default.SignInRequest)))
            .ShouldHaveStatus(HttpStatusCode.OK);
        var signOut = await SmokeSession.SendAsync(browser, HttpMethod.Post, FrontendAuth.SignOut, null);
        signOut.ShouldBe(signOut.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, "status 200 or 204");
        (await SmokeSession.SendAsync(browser, HttpMethod.Get, FrontendAuth.Me, null)).ShouldHaveStatus(HttpStatusCode.Unauthorized);
    }

    static IEnumerable<string> SessionCookies(Exchange exchange) =>
        exchange.Response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [];
}
