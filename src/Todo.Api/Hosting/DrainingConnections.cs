using Microsoft.Net.Http.Headers;

namespace Todo.Api.Hosting;

/// <summary>
/// While <see cref="ShutdownDrain"/> drains, every response says <c>Connection: close</c>. A client on a kept-alive
/// connection then opens a new one for its next request, which the Service routes to another replica, instead of
/// sending it down this connection at the moment the port closes.
/// </summary>
public static class DrainingConnections
{
    public static IApplicationBuilder UseConnectionCloseWhileDraining(this IApplicationBuilder app)
    {
        var drain = app.ApplicationServices.GetRequiredService<ShutdownDrain>();
        return app.Use(async (context, next) =>
        {
            // OnStarting, not now: the exception handler clears the headers of a failed response before writing its own.
            context.Response.OnStarting(() =>
            {
                if (drain.IsDraining)
                {
                    context.Response.Headers[HeaderNames.Connection] = "close";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
