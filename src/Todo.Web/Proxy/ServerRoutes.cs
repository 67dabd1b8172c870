using Todo.Contracts;

namespace Todo.Web.Proxy;

/// <summary>
/// The requests this host answers with logic of its own rather than static files: the proxied <c>/api</c> and the
/// session endpoints under <c>/bff</c>. The anti-forgery guard and the body limit both protect exactly these, so they
/// ask one place.
/// </summary>
public static class ServerRoutes
{
    public static bool Covers(HttpRequest request) =>
        request.Path.StartsWithSegments(ApiRoutes.Prefix, StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments(BffRoutes.Prefix, StringComparison.OrdinalIgnoreCase);
}
