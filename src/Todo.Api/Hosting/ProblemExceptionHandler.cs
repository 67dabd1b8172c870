using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Todo.Api.Hosting;

/// <summary>
/// Turns the client's mistakes that surface as exceptions (unreadable JSON, wrong types, missing or oversized
/// bodies) into 4xx problem details. Anything else is left to the default handler: a logged 500, i.e. a bug.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "Request body too large"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            JsonException => (StatusCodes.Status400BadRequest, "Malformed JSON"),
            _ => (0, ""),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }

        // The inner JSON error names the offending path ("$.priority"), which is what a client developer needs.
        var detail = exception.InnerException is JsonException json ? $"{exception.Message} {json.Message}" : exception.Message;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
