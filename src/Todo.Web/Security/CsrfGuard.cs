using Todo.Contracts;
using Todo.Web.Proxy;

namespace Todo.Web.Security;

/// <summary>
/// Refuses state-changing requests to <c>/api</c> and <c>/bff</c> that lack the client's custom header. The session
/// cookie is already SameSite=Strict; this is the second lock: a cross-site page cannot add a custom header without a
/// CORS preflight, and this host grants none.
/// </summary>
public sealed class CsrfGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsGuarded(context.Request) && !context.Request.Headers.ContainsKey(BffRoutes.CsrfHeader))
        {
            await Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Missing anti-forgery header",
                    detail: $"State-changing requests must carry the {BffRoutes.CsrfHeader} header.")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool IsGuarded(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && ServerRoutes.Covers(request);
}
