using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Net.Http.Headers;

namespace Todo.Web.Health;

/// <summary>How long the frontend keeps serving after SIGTERM: SHUTDOWN_DRAIN_SECONDS (5 by default, 0–300), as in the backend.</summary>
public sealed record ShutdownDrainPeriod(TimeSpan Duration)
{
    public const string ConfigurationKey = "SHUTDOWN_DRAIN_SECONDS";
    private const int DefaultSeconds = 5;
    private const int MaxSeconds = 300;

    public static ShutdownDrainPeriod From(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(value))
            return new ShutdownDrainPeriod(TimeSpan.FromSeconds(DefaultSeconds));
        return int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= MaxSeconds
            ? new ShutdownDrainPeriod(TimeSpan.FromSeconds(seconds))
            : throw new InvalidOperationException($"{ConfigurationKey} must be a whole number of seconds from 0 to {MaxSeconds}, not '{value}'.");
    }
}

/// <summary>
/// On SIGTERM, readiness turns 503 at once, then the host keeps serving for the drain period, so the Service stops
/// routing here before the port closes: a frontend rollout then drops no request (the backend does the same).
/// </summary>
public sealed class ShutdownDrain(IHostApplicationLifetime lifetime, ShutdownDrainPeriod period, ILogger<ShutdownDrain> logger)
    : IHostedLifecycleService, IHealthCheck
{
    private volatile bool draining;

    public bool IsDraining => draining || lifetime.ApplicationStopping.IsCancellationRequested;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsDraining ? HealthCheckResult.Unhealthy("Shutting down.") : HealthCheckResult.Healthy());

    // StoppingAsync runs before the server stops listening (IHostedLifecycleService), so the delay keeps it serving.
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        draining = true;
        logger.LogInformation("Shutdown requested: readiness now fails; draining for {Seconds} s", period.Duration.TotalSeconds);
        try
        {
            await Task.Delay(period.Duration, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first; stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class ShutdownDrainRegistration
{
    private const string ReadyTag = "ready";

    /// <summary>The drain, its readiness check and a shutdown timeout that leaves it room (drain + 25 s, like the backend).</summary>
    public static IServiceCollection AddShutdownDrain(this IServiceCollection services, IConfiguration configuration)
    {
        var period = ShutdownDrainPeriod.From(configuration);
        services.AddSingleton(period);
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        services.Configure<HostOptions>(options => options.ShutdownTimeout = period.Duration + TimeSpan.FromSeconds(25));
        services.AddHealthChecks().AddCheck<ShutdownDrain>("shutdown", HealthStatus.Unhealthy, [ReadyTag]);
        return services;
    }

    /// <summary>
    /// While draining, every response says <c>Connection: close</c>: a browser or proxy on a kept-alive connection then
    /// opens a new one for its next request, which the Service routes to another replica.
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
                    context.Response.Headers[HeaderNames.Connection] = "close";
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
