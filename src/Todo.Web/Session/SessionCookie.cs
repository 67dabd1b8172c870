using Todo.Contracts;

namespace Todo.Web.Session;

/// <summary>
/// The browser's session: the backend's own signed token, kept in an HTTP-only cookie. Because the cookie holds the
/// token itself (no server-side session here, no Data Protection keys), any frontend replica can read it and any
/// backend replica accepts it, until the backend revokes its session. JavaScript never sees it.
/// </summary>
public static class SessionCookie
{
    public const string Name = "todo_session";

    /// <summary>
    /// The name when the cookie is Secure: browsers accept a <c>__Host-</c> cookie only if it is Secure, has Path=/
    /// and no Domain, so no subdomain or plain-HTTP page can plant or overwrite it.
    /// </summary>
    public const string SecureName = "__Host-" + Name;

    /// <summary>SESSION_COOKIE_SECURE: <c>auto</c> (Secure when the request is HTTPS) or <c>always</c>.</summary>
    public const string SecureSetting = "SESSION_COOKIE_SECURE";

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(SecureName, out var secure) && !string.IsNullOrWhiteSpace(secure) ? secure
        : request.Cookies.TryGetValue(Name, out var token) && !string.IsNullOrWhiteSpace(token) ? token
        : null;

    public static void Write(HttpResponse response, AuthResponse auth)
    {
        var secure = IsSecure(response.HttpContext);
        response.Cookies.Append(secure ? SecureName : Name, auth.AccessToken, Options(secure, auth.ExpiresAt));
    }

    public static void Delete(HttpResponse response)
    {
        var request = response.HttpContext.Request;
        var secure = IsSecure(response.HttpContext);
        response.Cookies.Delete(secure ? SecureName : Name, Options(secure, expires: null));
        // A cookie written under the other name (the setting changed, or HTTP and HTTPS both served) goes too.
        var other = secure ? Name : SecureName;
        if (request.Cookies.ContainsKey(other))
            response.Cookies.Delete(other, Options(other == SecureName, expires: null));
    }

    /// <summary>
    /// Secure whenever the browser reached us over HTTPS (directly, or through an ingress listed in TRUSTED_PROXIES
    /// that says so), and always with SESSION_COOKIE_SECURE=always (what the chart sets when its Ingress has TLS).
    /// </summary>
    private static bool IsSecure(HttpContext context) =>
        context.Request.IsHttps || context.RequestServices.GetRequiredService<SessionCookieSettings>().AlwaysSecure;

    private static CookieOptions Options(bool secure, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = secure,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}

public sealed record SessionCookieSettings(bool AlwaysSecure)
{
    public static SessionCookieSettings From(IConfiguration configuration) =>
        configuration[SessionCookie.SecureSetting]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => new(false),
            "always" or "true" => new(true),
            var other => throw new InvalidOperationException($"{SessionCookie.SecureSetting} must be auto or always, not '{other}'."),
        };
}
