using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Todo.Api.Hosting;

/// <summary>
/// Caps request bodies at MAX_REQUEST_BODY_BYTES: declared lengths are refused up front with 413, and the server's
/// own limit stops chunked bodies that grow past it while being read.
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>
    /// The one description of a 413, for every way this app answers one: a declared length refused here, a chunked
    /// body Kestrel stopped mid-read (the endpoint gives up and the status-code page writes the problem), a body read
    /// outside an endpoint's binding (<see cref="ProblemExceptionHandler"/>). The client learns the limit either way.
    /// </summary>
    public static void DescribeTooLarge(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
        {
            var max = context.HttpContext.RequestServices.GetRequiredService<TodoSettings>().MaxRequestBodyBytes;
            context.ProblemDetails.Title = "Request body too large";
            context.ProblemDetails.Detail = $"Request bodies are limited to {max} bytes.";
        }
    }

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
                    ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge },
                });
                return;
            }

            await next(context);
        });
}
