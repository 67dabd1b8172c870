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
