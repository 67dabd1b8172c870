using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Todo.Contracts;
using Todo.Hosting;

namespace Todo.Web.Health;

/// <summary>
/// <c>/health/live</c>: the process answers HTTP (no checks). <c>/health/ready</c>: this replica can serve the app;
/// the backend's state is included as a degraded signal that keeps the status 200.
/// </summary>
public static class HealthEndpoints
{
    private const string ReadyTag = ShutdownDrainRegistration.ReadyTag;

    public static IServiceCollection AddFrontendHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ClientFilesCheck>("client-files", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<BackendReachabilityCheck>("backend", HealthStatus.Degraded, [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapFrontendHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(ApiRoutes.HealthLive, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(ApiRoutes.HealthReady, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
        });
        return app;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync();
    }
}
