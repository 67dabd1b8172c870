using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Api.Accounts;
using Todo.Api.Hosting;
using Todo.Contracts;

namespace Todo.Api.Tasks;

public static class TaskEndpoints
{
    public static IServiceCollection AddTasks(this IServiceCollection services) => services.AddScoped<TaskService>();

    public static RouteGroupBuilder MapTasks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(ApiRoutes.Tasks)
            .WithTags("Tasks")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimits.PerUser);

        group.MapGet("", ListAsync).WithName("ListTasks");
        group.MapGet("/{id:int}", GetAsync).WithName("GetTask");
        group.MapPost("", CreateAsync).WithName("CreateTask");
        group.MapPatch("/{id:int}", UpdateAsync).WithName("UpdateTask");
        group.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteTask");
        return group;
    }

    private static async Task<Results<Ok<List<TaskItem>>, ValidationProblem>> ListAsync(
        string? status, ClaimsPrincipal user, TaskService tasks, CancellationToken cancellationToken)
    {
        // Parsed here rather than bound as an enum: enum binding accepts numbers ("?status=7") and rejects with an empty 400.
        var filter = TaskStatusFilter.All;
        if (status is not null && !(Enum.TryParse(status, ignoreCase: true, out filter) && Enum.IsDefined(filter) && !char.IsDigit(status[0])))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = ["The status filter must be all, open or completed."],
            });
        }

        return TypedResults.Ok(await tasks.ListAsync(user.GetUserId(), filter, cancellationToken));
    }

    private static async Task<Results<Ok<TaskItem>, ProblemHttpResult>> GetAsync(
        int id, ClaimsPrincipal user, TaskService tasks, CancellationToken cancellationToken) =>
        await tasks.FindAsync(user.GetUserId(), id, cancellationToken) is { } task ? TypedResults.Ok(task) : NotFound(id);

    private static async Task<Results<Created<TaskItem>, ValidationProblem>> CreateAsync(
        CreateTaskRequest request, ClaimsPrincipal user, TaskService tasks, CancellationToken cancellationToken)
    {
        var errors = TaskValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var task = await tasks.CreateAsync(user.GetUserId(), request, cancellationToken);
        return TypedResults.Created(ApiRoutes.Task(task.Id), task);
    }

    private static async Task<Results<Ok<TaskItem>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int id, UpdateTaskRequest request, ClaimsPrincipal user, TaskService tasks, CancellationToken cancellationToken)
    {
        var errors = TaskValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await tasks.UpdateAsync(user.GetUserId(), id, request, cancellationToken) is { } task ? TypedResults.Ok(task) : NotFound(id);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int id, ClaimsPrincipal user, TaskService tasks, CancellationToken cancellationToken) =>
        await tasks.DeleteAsync(user.GetUserId(), id, cancellationToken) is not null ? TypedResults.NoContent() : NotFound(id);

    private static ProblemHttpResult NotFound(int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Task not found", detail: $"There is no task {id} on your list.");
}
