using System.Net;
using System.Net.Http.Json;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>The task REST API, run once per database provider.</summary>
public abstract class TaskApiSpecification(ApiFixture app)
{
    [Fact]
    public async Task Creating_a_task_answers_201_with_its_location_and_defaults()
    {
        var (client, _) = await app.Factory.SignUpAsync();

        using var response = await client.PostAsJsonAsync(ApiRoutes.Tasks, new CreateTaskRequest("  buy milk  "));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var task = (await response.Content.ReadFromJsonAsync<TaskItem>())!;
        response.Headers.Location!.OriginalString.ShouldBe(ApiRoutes.Task(task.Id));
        task.Title.ShouldBe("buy milk");
        task.Priority.ShouldBe(TaskPriority.Medium);
        task.IsCompleted.ShouldBeFalse();
        (await client.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(task.Id)))!.ShouldBe(task);
    }

    [Fact]
    public async Task The_list_is_in_creation_order_and_filters_by_status()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var first = await CreateAsync(client, new CreateTaskRequest("first", "details", TaskPriority.High, new DateOnly(2030, 1, 2)));
        var second = await CreateAsync(client, new CreateTaskRequest("second"));
        var third = await CreateAsync(client, new CreateTaskRequest("third"));
        (await client.PatchAsJsonAsync(ApiRoutes.Task(second.Id), new UpdateTaskRequest(Title: "second, renamed", IsCompleted: true))).EnsureSuccessStatusCode();

        var all = await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks);
        var open = await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks + "?status=open");
        var completed = await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks + "?status=Completed");

        all.ShouldNotBeNull();
        all.Select(t => t.Id).ShouldBe([first.Id, second.Id, third.Id]);
        open!.Select(t => t.Id).ShouldBe([first.Id, third.Id]);
        completed!.Single().Title.ShouldBe("second, renamed");
        all[0].ShouldBe(first);
    }

    [Fact]
    public async Task A_partial_update_changes_only_the_given_fields()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var task = await CreateAsync(client, new CreateTaskRequest("call mom", "about sunday", TaskPriority.Low, new DateOnly(2030, 5, 1)));

        var completed = await PatchAsync(client, task.Id, new UpdateTaskRequest(IsCompleted: true));
        completed.IsCompleted.ShouldBeTrue();
        completed.CompletedAt.ShouldNotBeNull();
        (completed with { IsCompleted = false, CompletedAt = null, UpdatedAt = task.UpdatedAt }).ShouldBe(task);

        var reopened = await PatchAsync(client, task.Id, new UpdateTaskRequest(IsCompleted: false, Priority: TaskPriority.High, ClearDueDate: true));
        reopened.IsCompleted.ShouldBeFalse();
        reopened.CompletedAt.ShouldBeNull();
        reopened.Priority.ShouldBe(TaskPriority.High);
        reopened.DueDate.ShouldBeNull();
        reopened.Description.ShouldBe("about sunday");
        reopened.Title.ShouldBe("call mom");
    }

    [Fact]
    public async Task Deleting_a_task_removes_it_and_a_second_delete_answers_404()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var task = await CreateAsync(client, new CreateTaskRequest("temporary"));

        (await client.DeleteAsync(ApiRoutes.Task(task.Id))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await client.DeleteAsync(ApiRoutes.Task(task.Id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var problem = await (await client.GetAsync(ApiRoutes.Task(task.Id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString())
            .ShouldBe(("Task not found", $"There is no task {task.Id} on your list."));
    }

    [Theory]
    [InlineData("""{"title":""}""", "title")]
    [InlineData("""{"title":"   "}""", "title")]
    [InlineData("""{"title":"x","priority":7}""", "priority")]
    [InlineData("""{"title":"x","dueDate":"1999-12-31"}""", "dueDate")]
    [InlineData("""{"title":"x","dueDate":"2101-01-01"}""", "dueDate")]
    public async Task Invalid_tasks_are_refused_with_a_validation_problem(string json, string field)
    {
        var (client, _) = await app.Factory.SignUpAsync();

        using var response = await client.PostAsync(ApiRoutes.Tasks, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task Titles_and_descriptions_over_their_limits_are_refused()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var task = await CreateAsync(client, new CreateTaskRequest(new string('t', TaskLimits.TitleMaxLength), new string('d', TaskLimits.DescriptionMaxLength)));

        var tooLongTitle = await client.PostAsJsonAsync(ApiRoutes.Tasks, new CreateTaskRequest(new string('t', TaskLimits.TitleMaxLength + 1)));
        var tooLongDescription = await client.PatchAsJsonAsync(ApiRoutes.Task(task.Id), new UpdateTaskRequest(Description: new string('d', TaskLimits.DescriptionMaxLength + 1)));
        var emptyRename = await client.PatchAsJsonAsync(ApiRoutes.Task(task.Id), new UpdateTaskRequest(Title: ""));

        (await tooLongTitle.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("title", out _).ShouldBeTrue();
        (await tooLongDescription.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("description", out _).ShouldBeTrue();
        (await emptyRename.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("title", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Another_users_task_answers_404_for_read_change_complete_and_delete()
    {
        var (alice, _) = await app.Factory.SignUpAsync("alice");
        var (bob, _) = await app.Factory.SignUpAsync("bob");
        var task = await CreateAsync(alice, new CreateTaskRequest("alice's secret"));

        await (await bob.GetAsync(ApiRoutes.Task(task.Id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await bob.PatchAsJsonAsync(ApiRoutes.Task(task.Id), new UpdateTaskRequest(Title: "mine now"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await bob.PatchAsJsonAsync(ApiRoutes.Task(task.Id), new UpdateTaskRequest(IsCompleted: true))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await bob.DeleteAsync(ApiRoutes.Task(task.Id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await bob.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks)).ShouldBeEmpty();

        (await alice.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(task.Id))).ShouldBe(task);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_answer_401()
    {
        using var anonymous = app.Factory.CreateClient();
        using var forged = app.Factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");

        (await anonymous.GetAsync(ApiRoutes.Tasks)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await forged.GetAsync(ApiRoutes.Tasks)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync(ApiRoutes.Chat, new ChatRequest("list"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync(ApiRoutes.Conversations)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public static async Task<TaskItem> CreateAsync(HttpClient client, CreateTaskRequest request)
    {
        using var response = await client.PostAsJsonAsync(ApiRoutes.Tasks, request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskItem>())!;
    }

    private static async Task<TaskItem> PatchAsync(HttpClient client, int id, UpdateTaskRequest request)
    {
        using var response = await client.PatchAsJsonAsync(ApiRoutes.Task(id), request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskItem>())!;
    }
}

[Collection(SharedSqliteApp.Name)]
public sealed class Task_api_on_sqlite(SqliteApi app) : TaskApiSpecification(app);

public sealed class Task_api_on_postgres(PostgresApi app) : TaskApiSpecification(app), IClassFixture<PostgresApi>;
