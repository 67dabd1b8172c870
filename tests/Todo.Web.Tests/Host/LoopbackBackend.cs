using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Todo.Contracts;

namespace Todo.Web.Tests.Host;

/// <summary>
/// A real HTTP listener on a loopback port playing the backend for the host's tests: it answers the few routes the
/// host's own logic depends on, the way the backend does, and records every request that reaches it so a test can
/// see exactly what the host forwarded. (The browser journey runs against the real backend.)
/// </summary>
public sealed class LoopbackBackend : IAsyncDisposable
{
    public const string Token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.backend-signature";
    public const string Password = "correct horse";
    public const string RenewedToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEiLCJyZW5ld2VkIjp0cnVlfQ.renewed-signature";
    public static readonly UserProfile Ada = new(Guid.Parse("11111111-1111-1111-1111-111111111111"), "ada@example.com", "Ada");

    private readonly WebApplication app;

    private LoopbackBackend(WebApplication app) => this.app = app;

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>What the backend's own readiness probe answers; flip it to simulate a hiccup.</summary>
    public bool Ready { get; set; } = true;

    public static async Task<LoopbackBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, TodoJsonContext.Default));
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        var backend = new LoopbackBackend(app);

        app.Use(async (context, next) =>
        {
            backend.Received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Authorization.ToString(),
                context.Request.Headers.Cookie.ToString(),
                context.Request.Headers["X-Forwarded-For"].ToString()));
            await next(context);
        });
        app.MapPost(ApiRoutes.SignIn, (SignInRequest request) => request.Password == Password
            ? Results.Json(new AuthResponse(Token, DateTimeOffset.UtcNow.AddHours(1), Ada), TodoJsonContext.Default.AuthResponse)
            : Results.Problem(statusCode: 401, title: "Sign-in failed", detail: "The email or password is not right."));
        app.MapPost(ApiRoutes.SignUp, (SignUpRequest request) => request.Password.Length >= 8
            ? Results.Json(new AuthResponse(Token, DateTimeOffset.UtcNow.AddHours(1), Ada), TodoJsonContext.Default.AuthResponse)
            : Results.ValidationProblem(new Dictionary<string, string[]> { ["Password"] = ["Use at least 8 characters."] }));
        app.MapGet(ApiRoutes.Me, (HttpContext context) => context.Request.Headers.Authorization == $"Bearer {Token}"
            ? Results.Json(Ada, TodoJsonContext.Default.UserProfile)
            : Results.Problem(statusCode: 401, title: "Unauthorized"));
        app.MapPost(ApiRoutes.Tasks, (HttpContext context) =>
        {
            // Tries to set a cookie of its own, which the host must not let through to the browser's origin.
            context.Response.Headers.SetCookie = "backend_cookie=1; Path=/";
            return Results.Json(new TaskItem(1, "buy milk", null, false, TaskPriority.Medium, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null),
                TodoJsonContext.Default.TaskItem, statusCode: 201);
        });
        // Like the backend: sign-out revokes the session (204); renewal answers a fresh token for a valid one.
        app.MapPost(ApiRoutes.SignOut, () => Results.NoContent());
        app.MapPost(ApiRoutes.Refresh, () =>
            Results.Json(new AuthResponse(RenewedToken, DateTimeOffset.UtcNow.AddHours(2), Ada), TodoJsonContext.Default.AuthResponse));
        app.MapGet(ApiRoutes.HealthReady, () => backend.Ready ? Results.Ok() : Results.StatusCode(503));

        await app.StartAsync();
        backend.Address = new Uri(app.Urls.Single());
        return backend;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}

public sealed record ReceivedRequest(string Method, string PathAndQuery, string Authorization, string Cookie, string ForwardedFor);
