namespace Todo.Contracts;

/// <summary>
/// Endpoints the frontend host answers itself (backend-for-frontend): they hold the session cookie, so the browser
/// never sees the backend's token. Everything under <see cref="ApiRoutes.Prefix"/> is forwarded.
/// </summary>
public static class BffRoutes
{
    public const string Prefix = "/bff";
    public const string SignUp = "/bff/signup";
    public const string SignIn = "/bff/signin";
    public const string SignOut = "/bff/signout";

    /// <summary>
    /// The header every state-changing request must carry. Browsers refuse to add a custom header to a cross-site
    /// request without a CORS preflight, which this host never grants, so its presence proves the request came
    /// from our own page.
    /// </summary>
    public const string CsrfHeader = "X-Requested-With";
    public const string CsrfHeaderValue = "todo-web";
}
