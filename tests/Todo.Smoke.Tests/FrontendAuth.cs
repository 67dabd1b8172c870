using Todo.Contracts;

namespace Todo.Smoke.Tests;

/// <summary>
/// How a browser signs in through the frontend host (backend-for-frontend): /bff/signup and /bff/signin answer the
/// profile and set the HTTP-only session cookie; everything under /api is forwarded with that session. Unsafe methods
/// must carry the anti-forgery header. Mirrors Todo.Web.Client's BffRoutes: the suite speaks the wire contract as a
/// browser sees it, without referencing the WebAssembly client.
/// </summary>
public static class FrontendAuth
{
    public const string SignUp = "/bff/signup";
    public const string SignIn = "/bff/signin";
    public const string SignOut = "/bff/signout";
    public const string Me = ApiRoutes.Me;

    public const string SessionCookie = "todo_session";

    public const string AntiForgeryHeader = "X-Requested-With";
    public const string AntiForgeryValue = "todo-web";

    public static void Prepare(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && request.Method != HttpMethod.Options)
            request.Headers.TryAddWithoutValidation(AntiForgeryHeader, AntiForgeryValue);
    }
}
