using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Todo.Web.Proxy;

/// <summary>
/// Caps request bodies to <c>/api</c> and <c>/bff</c> at MAX_REQUEST_BODY_BYTES (64 KiB by default, as in the backend)
/// before anything is forwarded. Without it YARP streams a 2 MiB body to the backend, the backend refuses it
/// mid-stream and the browser gets a 502 instead of the 413 it deserves.
/// </summary>
public sealed record RequestBodyLimit(long MaxBytes)
{
    public const string ConfigurationKey = "MAX_REQUEST_BODY_BYTES";
    private const long DefaultBytes = 64 * 1024;
    private const long MinBytes = 1024;
    private const long MaxAllowedBytes = 64 * 1024 * 1024;

    public static RequestBodyLimit From(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(value))
            return new RequestBodyLimit(DefaultBytes);
        return long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) && bytes is >= MinBytes and <= MaxAllowedBytes
            ? new RequestBodyLimit(bytes)
            : throw new InvalidOperationException($"{ConfigurationKey} must be a whole number from {MinBytes} to {MaxAllowedBytes}, not '{value}'.");
    }
}

/// <summary>Declared lengths over the limit answer 413 at once; chunked bodies are stopped by the server's own limit.</summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, RequestBodyLimit limit)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ServerRoutes.Covers(context.Request))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit.MaxBytes;

        if (context.Request.ContentLength > limit.MaxBytes)
        {
            // Kestrel will not read a refused body this large and closes the connection after answering: say so, so
            // the client does not send its next request down a connection that is about to vanish.
            context.Response.Headers[HeaderNames.Connection] = "close";
            await Results.Problem(
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "Request body too large",
                    detail: $"Request bodies are limited to {limit.MaxBytes.ToString(CultureInfo.InvariantCulture)} bytes.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
