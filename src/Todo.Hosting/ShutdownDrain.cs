using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Todo.Hosting;

/// <summary>
/// On SIGTERM, readiness turns 503 at once, then the host keeps serving for the drain period, so the Service stops
/// routing here before the port closes: a rollout then drops no request.
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
