using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Todo.Api.Hosting;

/// <summary>
/// Caps request bodies at MAX_REQUEST_BODY_BYTES: declared lengths are refused up front with 413, and the server's
/// own limit stops chunked bodies that grow past it while being read.
/// </summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var max = context.RequestServices.GetRequiredService<TodoSettings>().MaxRequestBodyBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = max;
            }

            if (context.Request.ContentLength > max)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                // Kestrel will not read a refused body this large, so it closes the connection after answering. Saying
                // so keeps the client from sending its next request down a connection that is about to vanish.
                context.Response.Headers[HeaderNames.Connection] = "close";
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "Request body too large",
                        Detail = $"Request bodies are limited to {max} bytes.",
                    },
                });
                return;
            }

            await next(context);
        });
}
