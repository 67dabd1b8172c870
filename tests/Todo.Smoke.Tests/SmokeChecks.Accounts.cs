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
            .ShouldBe(SessionCookies(signUp).Any(), "a Set-Cookie header")
            .ShouldBe(SessionCookies(signUp).All(cookie => cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase)),
                "every cookie set HttpOnly (scripts in the page must not read the session)")
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
        signIn.ShouldHaveStatus(HttpStatusCode.OK).ShouldBe(SessionCookies(signIn).Any(), "a Set-Cookie header");

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

    static IEnumerable<string> SessionCookies(Exchange exchange) =>
        exchange.Response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [];
}
