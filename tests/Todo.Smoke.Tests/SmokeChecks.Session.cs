using System.Net;
using Todo.Contracts;

namespace Todo.Smoke.Tests;

public sealed partial class SmokeChecks
{
    const int RequestsInARow = 30;

    /// <summary>
    /// Behind a Service, connections (not requests) are balanced, so each request here opens its own connection:
    /// every replica of both apps must accept the one session and see the same database.
    /// </summary>
    [Check(40, "One session cookie serves 30 requests in a row, each on a new connection")]
    public async Task Session_across_replicas()
    {
        await session.EnsureSignedInAsync();
        var marker = await session.SendAsync(HttpMethod.Post, ApiRoutes.Tasks,
            new CreateTaskRequest("smoke: seen by every replica"), TodoJsonContext.Default.CreateTaskRequest);
        var markerId = marker.ShouldHaveStatus(HttpStatusCode.Created).Json(TodoJsonContext.Default.TaskItem).Id;

        for (var attempt = 1; attempt <= RequestsInARow; attempt++)
        {
            var list = await session.SendOnNewConnectionAsync(HttpMethod.Get, ApiRoutes.Tasks);
            list.ShouldHaveStatus(HttpStatusCode.OK)
                .ShouldBe(list.Json(TodoJsonContext.Default.ListTaskItem).Any(task => task.Id == markerId),
                    $"request {attempt} of {RequestsInARow}: the marker task {markerId} in the list");
        }
    }
}
