using Microsoft.Extensions.Diagnostics.HealthChecks;
using Todo.Contracts;
using Todo.Web.Session;

namespace Todo.Web.Health;

/// <summary>
/// Whether the backend answers its own readiness probe. Reported, never fatal: registered with failure status
/// Degraded, so a backend hiccup shows up in /health/ready's body but does not pull every frontend replica out of
/// service (they all share the same backend, so removing them would only swap a friendly error for a refused connection).
/// </summary>
public sealed class BackendReachabilityCheck(IHttpClientFactory clients) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var response = await clients.CreateClient(SessionEndpoints.BackendClient)
                .GetAsync(ApiRoutes.HealthReady, timeout.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy("The backend is ready.")
                : new HealthCheckResult(context.Registration.FailureStatus, $"The backend answered {(int)response.StatusCode} to its readiness probe.");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The backend cannot be reached.", e);
        }
    }
}
