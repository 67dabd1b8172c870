using ModelContextProtocol.Protocol;
using Todo.Api.Chat;
using Todo.Api.Hosting;
using Todo.Contracts;

namespace Todo.Api.Mcp;

/// <summary>
/// The five task tools over MCP (Streamable HTTP) for external agents, authenticated with the app's bearer token.
/// Stateless: no session lives in this process, so any replica can answer any request.
/// </summary>
public static class TaskMcpEndpoints
{
    public static IServiceCollection AddTaskMcp(this IServiceCollection services)
    {
        services.AddMcpServer(options => options.ServerInfo = new Implementation { Name = "todo", Version = "1.0.0" })
            .WithHttpTransport(options => options.Stateless = true)
            .WithTools<TaskTools>(ToolJson.Options)
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolCallGuard.Filter));
        return services;
    }

    public static IEndpointConventionBuilder MapTaskMcp(this IEndpointRouteBuilder routes) =>
        routes.MapMcp(ApiRoutes.Mcp)
            .WithTags("MCP")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimits.PerUser);
}
