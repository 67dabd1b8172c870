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
            // A 413's title and detail are RequestBodyLimit.DescribeTooLarge's, as for every 413.
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            JsonException => (StatusCodes.Status400BadRequest, "Malformed JSON"),
            _ => (0, ""),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }

        var detail = Describe(exception);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// Written here rather than passed on: the framework's messages name .NET types and parameters ("could not be
    /// converted to Todo.Contracts.CreateTaskRequest"), which tell an attacker about the server and a client nothing
    /// it can act on. The JSON path ("$.priority") is what a client developer needs, so that is kept.
    /// </summary>
    private static string Describe(Exception exception)
    {
        var json = exception as JsonException ?? exception.InnerException as JsonException;
        return json is { Path: { Length: > 0 } path } ? $"The request body is not valid for this endpoint at JSON path '{path}'."
            : json is not null ? "The request body is not valid JSON for this endpoint."
            : "The request is missing a body or a value this endpoint needs, or has one in the wrong format.";
    }
}
