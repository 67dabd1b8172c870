using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Todo.Api.Accounts;

namespace Todo.Api.Hosting;

/// <summary>Fixed one-minute windows: per user when signed in, per client address otherwise.</summary>
public static class RateLimits
{
    public const string PerUser = "per-user";
    public const string Chat = "chat";
    public const string Auth = "auth";

    public static IServiceCollection AddTodoRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PerUser, http => Window(http, s => s.RequestsPerMinute));
            options.AddPolicy(Chat, http => Window(http, s => s.ChatRequestsPerMinute));
            // Sign-in is where passwords get guessed, so it is limited per address even for known users.
            options.AddPolicy(Auth, http => Window(http, s => s.AuthRequestsPerMinute, byAddressOnly: true));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "You are sending requests faster than allowed; wait a moment and try again.",
                    },
                });
            };
        });

    private static RateLimitPartition<Caller> Window(HttpContext http, Func<TodoSettings, int> permits, bool byAddressOnly = false)
    {
        var settings = http.RequestServices.GetRequiredService<TodoSettings>();
        var caller = !byAddressOnly && http.User.Identity?.IsAuthenticated == true
            ? new Caller(http.User.GetUserId(), Address: null)
            : new Caller(User: null, http.Connection.RemoteIpAddress);
        var limit = permits(settings);
        return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    /// <summary>Whom a window counts: a signed-in user, or else a client address (null where the server has none, so
    /// such callers share one window).</summary>
    private readonly record struct Caller(Guid? User, IPAddress? Address);
}
