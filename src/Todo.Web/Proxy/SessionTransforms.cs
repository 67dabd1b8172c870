using Microsoft.Net.Http.Headers;
using Todo.Contracts;
using Todo.Web.Session;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Todo.Web.Proxy;

/// <summary>
/// Turns the browser's session cookie into the <c>Authorization: Bearer</c> header the backend expects, and never
/// forwards the browser's cookies themselves. When the backend refuses the token (expired, signed by a rotated
/// key) the cookie is cleared, so the next page load starts at sign-in instead of failing again.
/// </summary>
public static class SessionTransforms
{
    public static void Apply(TransformBuilderContext context)
    {
        context.AddRequestTransform(transform =>
        {
            var proxied = transform.ProxyRequest;
            proxied.Headers.Remove(HeaderNames.Cookie);
            // Whatever the browser claims, the only credential that reaches the backend is the one in our cookie.
            proxied.Headers.Authorization = null;
            var renewed = transform.HttpContext.Items[SessionRenewal.RenewedTokenItem] as AuthResponse;
            if ((renewed?.AccessToken ?? SessionCookie.Read(transform.HttpContext.Request)) is { } token)
                proxied.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return ValueTask.CompletedTask;
        });

        context.AddResponseTransform(transform =>
        {
            // The backend has no business setting cookies on the frontend's origin.
            transform.HttpContext.Response.Headers.Remove(HeaderNames.SetCookie);
            if (transform.ProxyResponse?.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                SessionCookie.Delete(transform.HttpContext.Response);
            else if (transform.HttpContext.Items[SessionRenewal.RenewedTokenItem] is AuthResponse renewed)
                SessionCookie.Write(transform.HttpContext.Response, renewed);
            return ValueTask.CompletedTask;
        });
    }
}
