using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Todo.Contracts;

namespace Todo.Web.Session;

/// <summary>
/// Sign-up, sign-in and sign-out for the browser (backend-for-frontend). The host calls the backend, keeps the token
/// it answers with in the session cookie and gives the page only the user's profile.
/// </summary>
public static class SessionEndpoints
{
    public const string BackendClient = "backend";

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var bff = app.MapGroup(BffRoutes.Prefix);

        bff.MapPost("/signup", (SignUpRequest request, HttpContext context, IHttpClientFactory clients, ILoggerFactory logs) =>
            ExchangeAsync(ApiRoutes.SignUp, request, TodoJsonContext.Default.SignUpRequest, context, clients, logs));

        bff.MapPost("/signin", (SignInRequest request, HttpContext context, IHttpClientFactory clients, ILoggerFactory logs) =>
            ExchangeAsync(ApiRoutes.SignIn, request, TodoJsonContext.Default.SignInRequest, context, clients, logs));

        bff.MapPost("/signout", async (HttpContext context, IHttpClientFactory clients, ILoggerFactory logs) =>
        {
            await RevokeAsync(context, clients, logs);
            SessionCookie.Delete(context.Response);
            return Results.NoContent();
        });

        return app;
    }

    private static async Task<IResult> ExchangeAsync<TRequest>(
        string backendRoute,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        HttpContext context,
        IHttpClientFactory clients,
        ILoggerFactory logs)
    {
        var http = clients.CreateClient(BackendClient);
        HttpResponseMessage response;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, backendRoute) { Content = JsonContent.Create(request, requestType) };
            ForwardClientAddress(context, message);
            response = await http.SendAsync(message, context.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            logs.CreateLogger(typeof(SessionEndpoints)).LogWarning(e, "The backend could not be reached for {Route}", backendRoute);
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The backend is unavailable",
                detail: "The server can't be reached right now. Please try again in a moment.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                return await RelayProblemAsync(response, context.RequestAborted);

            var auth = await response.Content.ReadFromJsonAsync(TodoJsonContext.Default.AuthResponse, context.RequestAborted);
            if (auth is null || string.IsNullOrEmpty(auth.AccessToken))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status502BadGateway,
                    title: "The backend answered without a session",
                    detail: "Signing in did not produce a session. Please try again.");
            }

            SessionCookie.Write(context.Response, auth);
            return Results.Json(auth.User, TodoJsonContext.Default.UserProfile);
        }
    }

    /// <summary>
    /// The backend limits sign-in per client address and believes this host's X-Forwarded-For (it lists our pods in
    /// its TRUSTED_PROXIES). The address is the connection's peer, or what a proxy in our own TRUSTED_PROXIES said it
    /// was; never a header the browser chose.
    /// </summary>
    public static void ForwardClientAddress(HttpContext context, HttpRequestMessage message)
    {
        if (context.Connection.RemoteIpAddress is { } address)
            message.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
    }

    /// <summary>Ends the session at the backend, so a copy of the cookie stops working too; best effort.</summary>
    private static async Task RevokeAsync(HttpContext context, IHttpClientFactory clients, ILoggerFactory logs)
    {
        if (SessionCookie.Read(context.Request) is not { } token)
            return;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.SignOut);
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            ForwardClientAddress(context, message);
            using var response = await clients.CreateClient(BackendClient).SendAsync(message, context.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            // The cookie is still deleted; the session then ends when its token expires.
            logs.CreateLogger(typeof(SessionEndpoints)).LogWarning(e, "The backend could not be reached to revoke a session");
        }
    }

    // The backend's problem details (validation errors, wrong password, email taken) are already written for
    // people: pass them through unchanged, status and all.
    private static async Task<IResult> RelayProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return Results.Problem(
                statusCode: response.StatusCode == HttpStatusCode.ServiceUnavailable ? 503 : 502,
                title: "The backend failed",
                detail: "The server ran into a problem. Please try again in a moment.");
        }

        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/problem+json";
        if (body.Length == 0)
            return Results.Problem(statusCode: status, title: response.ReasonPhrase);
        // Parsed only to check it is JSON, then relayed as the backend's bytes: serializing a JsonElement back would
        // need reflection-based JSON, which the trimmed host does not have.
        try
        {
            using var problem = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: status, title: response.ReasonPhrase);
        }

        return Results.Text(body, contentType, status);
    }
}
