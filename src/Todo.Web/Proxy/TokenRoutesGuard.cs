using Todo.Contracts;

namespace Todo.Web.Proxy;

/// <summary>
/// The backend's routes that answer a raw token (sign-in, sign-up, renewal) are not proxied: through them a page's
/// JavaScript would hold the bearer token, which this design keeps in the HTTP-only cookie. The page signs in
/// through <c>/bff</c> instead.
/// </summary>
public sealed class TokenRoutesGuard(RequestDelegate next)
{
    private static readonly string[] TokenRoutes = [ApiRoutes.SignIn, ApiRoutes.SignUp, ApiRoutes.Refresh];

    public async Task InvokeAsync(HttpContext context)
    {
        if (TokenRoutes.Any(route => context.Request.Path.Equals(route, StringComparison.OrdinalIgnoreCase)
                                     || context.Request.Path.StartsWithSegments(route, StringComparison.OrdinalIgnoreCase)))
        {
            await Results.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Not available through this host",
                    detail: "Sign in and sign up through /bff/signin and /bff/signup; the session stays in an HTTP-only cookie.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
