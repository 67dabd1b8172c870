using System.Net;
using Todo.Contracts;

namespace Todo.Smoke.Tests;

public sealed partial class SmokeChecks
{
    const string LifecycleTitle = "smoke: water the plants";

    [Check(20, "Create a task through /api answers 201 with the task")]
    public async Task Create_task()
    {
        await session.EnsureSignedInAsync();
        var created = await session.SendAsync(HttpMethod.Post, ApiRoutes.Tasks,
            new CreateTaskRequest(LifecycleTitle, "made by the smoke suite", TaskPriority.Low), TodoJsonContext.Default.CreateTaskRequest);
        var task = created.ShouldHaveStatus(HttpStatusCode.Created).Json(TodoJsonContext.Default.TaskItem);
        created.ShouldBe(task.Title == LifecycleTitle && !task.IsCompleted && task.Priority == TaskPriority.Low,
            $"an open, low-priority task titled '{LifecycleTitle}'");
        session.LifecycleTaskId = task.Id;
    }

    [Check(21, "The created task is in the task list")]
    public async Task List_tasks()
    {
        var id = RequireLifecycleTask();
        var list = await ListTasksAsync();
        list.Exchange.ShouldBe(list.Tasks.Any(task => task.Id == id && task.Title == LifecycleTitle), $"task {id} '{LifecycleTitle}' in the list");
    }

    [Check(22, "Update a task's title and priority; reading it back shows the change")]
    public async Task Update_task()
    {
        var id = RequireLifecycleTask();
        (await session.SendAsync(HttpMethod.Patch, ApiRoutes.Task(id),
                new UpdateTaskRequest(Title: LifecycleTitle + " (renamed)", Priority: TaskPriority.High), TodoJsonContext.Default.UpdateTaskRequest))
            .ShouldHaveStatus(HttpStatusCode.OK);
        var read = await session.SendAsync(HttpMethod.Get, ApiRoutes.Task(id));
        var task = read.ShouldHaveStatus(HttpStatusCode.OK).Json(TodoJsonContext.Default.TaskItem);
        read.ShouldBe(task.Title == LifecycleTitle + " (renamed)" && task.Priority == TaskPriority.High,
            "the new title and High priority when read back");
    }

    [Check(23, "Complete a task; it is listed under status=completed")]
    public async Task Complete_task()
    {
        var id = RequireLifecycleTask();
        (await session.SendAsync(HttpMethod.Patch, ApiRoutes.Task(id), new UpdateTaskRequest(IsCompleted: true), TodoJsonContext.Default.UpdateTaskRequest))
            .ShouldHaveStatus(HttpStatusCode.OK);
        var completed = await ListTasksAsync("?status=completed");
        completed.Exchange.ShouldBe(completed.Tasks.Any(task => task.Id == id && task.IsCompleted && task.CompletedAt is not null),
            $"task {id} completed (with a completion time) in the completed list");
    }

    [Check(24, "Delete a task; it answers 404 afterwards and is gone from the list")]
    public async Task Delete_task()
    {
        var id = RequireLifecycleTask();
        (await session.SendAsync(HttpMethod.Delete, ApiRoutes.Task(id))).ShouldHaveStatus(HttpStatusCode.NoContent);
        (await session.SendAsync(HttpMethod.Get, ApiRoutes.Task(id))).ShouldHaveStatus(HttpStatusCode.NotFound);
        var list = await ListTasksAsync();
        list.Exchange.ShouldBe(list.Tasks.All(task => task.Id != id), $"no task {id} in the list");
    }

    async Task<(Exchange Exchange, List<TaskItem> Tasks)> ListTasksAsync(string query = "")
    {
        await session.EnsureSignedInAsync();
        var list = await session.SendAsync(HttpMethod.Get, ApiRoutes.Tasks + query);
        return (list, list.ShouldHaveStatus(HttpStatusCode.OK).Json(TodoJsonContext.Default.ListTaskItem));
    }

    int RequireLifecycleTask() =>
        session.LifecycleTaskId ?? throw new SmokeCheckFailedException("this check walks the task made by check 20 'Create a task', which did not succeed");
}
