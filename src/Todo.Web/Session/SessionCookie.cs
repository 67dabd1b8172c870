using Todo.Contracts;

namespace Todo.Web.Session;

/// <summary>
/// The browser's session: the backend's own signed token, kept in an HTTP-only cookie. Because the cookie holds the
/// token itself (no server-side session, no Data Protection keys), any frontend replica can read it and any backend
/// replica accepts it. JavaScript never sees it.
/// </summary>
public static class SessionCookie
{
    public const string Name = "todo_session";

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var token) && !string.IsNullOrWhiteSpace(token) ? token : null;

    public static void Write(HttpResponse response, AuthResponse auth) =>
        response.Cookies.Append(Name, auth.AccessToken, Options(response.HttpContext.Request, auth.ExpiresAt));

    public static void Delete(HttpResponse response) =>
        response.Cookies.Delete(Name, Options(response.HttpContext.Request, expires: null));

    private static CookieOptions Options(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        // Secure whenever the browser reached us over HTTPS (directly, or through a proxy that says so and is trusted
        // via ASPNETCORE_FORWARDEDHEADERS_ENABLED). Plain-HTTP development on localhost still works.
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
