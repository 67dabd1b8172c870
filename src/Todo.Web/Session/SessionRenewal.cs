using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Todo.Contracts;

namespace Todo.Web.Session;

/// <summary>
/// Sliding sessions: once a session's token is past half its life (AUTH_TOKEN_LIFETIME_HOURS at the backend, a day
/// by default), the next API call through this host first asks the backend for a renewed token and rewrites the
/// cookie. An active user stays signed in; an idle cookie still expires, and a revoked one is refused at renewal.
/// The token's times are read without checking its signature: the backend checks it on every request anyway.
/// </summary>
public sealed class SessionRenewal(RequestDelegate next, IHttpClientFactory clients, TimeProvider time, ILogger<SessionRenewal> log)
{
    /// <summary>Where the proxy transforms find the <see cref="AuthResponse"/> renewed during this request.</summary>
    public const string RenewedTokenItem = "todo.renewed-token";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ApiRoutes.Prefix, StringComparison.OrdinalIgnoreCase)
            && SessionCookie.Read(context.Request) is { } token
            && IsPastHalfLife(token, time.GetUtcNow()))
        {
            await RenewAsync(context, token);
        }

        await next(context);
    }

    public static bool IsPastHalfLife(string token, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
            return false;
        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (!payload.RootElement.TryGetProperty("iat", out var iat) || !payload.RootElement.TryGetProperty("exp", out var exp))
                return false;
            var issued = iat.GetInt64();
            var expires = exp.GetInt64();
            return now.ToUnixTimeSeconds() >= issued + ((expires - issued) / 2);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task RenewAsync(HttpContext context, string token)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Refresh);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            SessionEndpoints.ForwardClientAddress(context, message);
            using var response = await clients.CreateClient(SessionEndpoints.BackendClient).SendAsync(message, context.RequestAborted);
            if (!response.IsSuccessStatusCode)
                return; // The proxied call itself will get the backend's 401 and clear the cookie.
            if (await response.Content.ReadFromJsonAsync(TodoJsonContext.Default.AuthResponse, context.RequestAborted) is { AccessToken.Length: > 0 } renewed)
            {
                // Written into the cookie by the proxy's response transform, which first drops every cookie the
                // backend tried to set.
                context.Items[RenewedTokenItem] = renewed;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !context.RequestAborted.IsCancellationRequested)
        {
            // Renewal is a courtesy: the current token is still valid, so the request goes on with it.
            log.LogWarning(e, "Renewing a session at the backend failed");
        }
    }
}
