using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Todo.Web.Health;

/// <summary>Ready means this replica can serve the app: the published client's entry page is on disk.</summary>
public sealed class ClientFilesCheck(IWebHostEnvironment environment) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(environment.WebRootFileProvider.GetFileInfo("index.html").Exists
            ? HealthCheckResult.Healthy("The browser app is present.")
            : HealthCheckResult.Unhealthy($"index.html is missing from the web root ({environment.WebRootPath}); the client was not published into this image."));
}
