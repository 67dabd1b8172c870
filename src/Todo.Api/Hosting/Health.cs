using Microsoft.Extensions.Diagnostics.HealthChecks;
using Todo.Api.Data;

namespace Todo.Api.Hosting;

/// <summary>Ready means: the database answers, and this process is not shutting down.</summary>
public sealed class DatabaseHealthCheck(TodoDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}

/// <summary>
/// On SIGTERM, readiness turns 503 at once, then the server keeps serving for SHUTDOWN_DRAIN_SECONDS, so load
/// balancers stop routing here before in-flight and just-routed requests are cut off.
/// </summary>
public sealed class ShutdownDrain(IHostApplicationLifetime lifetime, TodoSettings settings, ILogger<ShutdownDrain> logger)
    : IHostedLifecycleService, IHealthCheck
{
    private volatile bool draining;

    public bool IsDraining => draining || lifetime.ApplicationStopping.IsCancellationRequested;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsDraining ? HealthCheckResult.Unhealthy("Shutting down.") : HealthCheckResult.Healthy());

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        draining = true;
        logger.LogInformation("Shutdown requested: readiness now fails; draining for {Seconds} s", settings.ShutdownDrain.TotalSeconds);
        try
        {
            await Task.Delay(settings.ShutdownDrain, cancellationToken);
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
