using Todo.Contracts;

namespace Todo.Smoke.Tests;

/// <summary>
/// How a browser signs in through the frontend host (the BFF): the host keeps the bearer token server-side and hands
/// the browser an HTTP-only cookie; unsafe methods must carry the anti-forgery header the host requires.
/// </summary>
public static class FrontendAuth
{
    public const string SignUp = ApiRoutes.SignUp;
    public const string SignIn = ApiRoutes.SignIn;
    public const string Me = ApiRoutes.Me;

    public const string AntiForgeryHeader = "X-Requested-With";
    public const string AntiForgeryValue = "XMLHttpRequest";

    public static void Prepare(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && request.Method != HttpMethod.Options)
            request.Headers.TryAddWithoutValidation(AntiForgeryHeader, AntiForgeryValue);
    }
}
