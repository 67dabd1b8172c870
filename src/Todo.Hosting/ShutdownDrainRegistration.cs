using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;

namespace Todo.Hosting;

public static class ShutdownDrainRegistration
{
    /// <summary>The tag of the checks behind /health/ready.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The drain, its readiness check and a shutdown timeout that leaves it room (drain + 25 s). The period is read
    /// when the host starts, so a bad SHUTDOWN_DRAIN_SECONDS stops it at start-up with the variable named.
    /// </summary>
    public static IServiceCollection AddShutdownDrain(this IServiceCollection services)
    {
        services.AddSingleton(provider => ShutdownDrainPeriod.From(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<ShutdownDrain>());
        services.AddOptions<HostOptions>().Configure<ShutdownDrainPeriod>((options, period) =>
            options.ShutdownTimeout = period.Duration + TimeSpan.FromSeconds(25));
        services.AddHealthChecks().AddCheck<ShutdownDrain>("shutdown", HealthStatus.Unhealthy, [ReadyTag]);
        return services;
    }

    /// <summary>
    /// While draining, every response says <c>Connection: close</c>: a client on a kept-alive connection then opens a
    /// new one for its next request, which the Service routes to another replica, instead of sending it down this
    /// connection at the moment the port closes.
    /// </summary>
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
