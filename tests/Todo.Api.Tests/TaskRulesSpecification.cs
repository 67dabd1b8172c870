using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// Issue 18: the rules a task must satisfy hold on both ways in (POST and PATCH), exactly at their limits, and a refused
/// change stores nothing. Each rule answers a validation problem naming the field and saying what is allowed.
/// </summary>
public sealed class TaskRulesSpecification(PostgresApi app) : IClassFixture<PostgresApi>
{
    [Fact]
    public async Task Creating_accepts_every_field_exactly_at_its_limit()
    {
        var (client, _) = await app.Factory.SignUpAsync();

        var earliest = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest(
            new string('t', TaskLimits.TitleMaxLength), new string('d', TaskLimits.DescriptionMaxLength), TaskPriority.Low, new DateOnly(2000, 1, 1)));
        var latest = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("x", DueDate: new DateOnly(2100, 12, 31)));

        earliest.Title.Length.ShouldBe(TaskLimits.TitleMaxLength);
        earliest.Description!.Length.ShouldBe(TaskLimits.DescriptionMaxLength);
        (earliest.Priority, earliest.DueDate).ShouldBe((TaskPriority.Low, new DateOnly(2000, 1, 1)));
        latest.DueDate.ShouldBe(new DateOnly(2100, 12, 31));
    }

    public static readonly TheoryData<string, string, string> RefusedCreations = new()
    {
        { """{"title":"x","description":"DESCRIPTION_2001"}""", "description", "The description must be at most 2000 characters long." },
        { """{"title":"TITLE_201"}""", "title", "The title must be 1 to 200 characters long." },
        { """{"title":""}""", "title", "The title must be 1 to 200 characters long." },
        { """{"title":"two\nlines"}""", "title", "The title must be one line of text, without control characters such as NUL." },
        { """{"title":"x","description":"nul \u0000 inside"}""", "description", "The description must not contain control characters such as NUL (tabs and line breaks are fine)." },
        { """{"title":"x","priority":7}""", "priority", "The priority must be low, medium or high." },
        { """{"title":"x","dueDate":"1999-12-31"}""", "dueDate", "The due date must be between 2000-01-01 and 2100-12-31." },
        { """{"title":"x","dueDate":"2101-01-01"}""", "dueDate", "The due date must be between 2000-01-01 and 2100-12-31." },
    };

    [Theory]
    [MemberData(nameof(RefusedCreations))]
    public async Task Creating_refuses_a_field_past_its_limit_naming_it_and_stores_nothing(string json, string field, string message)
    {
        var (client, _) = await app.Factory.SignUpAsync();

        using var response = await SendAsync(client, HttpMethod.Post, ApiRoutes.Tasks, json);

        (await ErrorsAsync(response)).ShouldBe([Error(field, message)]);
        (await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks)).ShouldBeEmpty();
    }

    public static readonly TheoryData<string, string, string> RefusedChanges = new()
    {
        { """{"priority":7}""", "priority", "The priority must be low, medium or high." },
        { """{"dueDate":"2101-01-01"}""", "dueDate", "The due date must be between 2000-01-01 and 2100-12-31." },
        { """{"dueDate":"1999-12-31"}""", "dueDate", "The due date must be between 2000-01-01 and 2100-12-31." },
        { """{"description":"DESCRIPTION_2001"}""", "description", "The description must be at most 2000 characters long." },
        { """{"title":"TITLE_201"}""", "title", "The title must be 1 to 200 characters long." },
        { """{"title":"  "}""", "title", "The title must be 1 to 200 characters long." },
        { """{"dueDate":"2030-01-01","clearDueDate":true}""", "dueDate", "Give a due date or clear it, not both." },
    };

    [Theory]
    [MemberData(nameof(RefusedChanges))]
    public async Task Changing_refuses_a_field_past_its_limit_naming_it_and_keeps_the_stored_task(string json, string field, string message)
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var task = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("stays", "as it was", TaskPriority.High, new DateOnly(2030, 6, 1)));

        using var response = await SendAsync(client, HttpMethod.Patch, ApiRoutes.Task(task.Id), json);

        (await ErrorsAsync(response)).ShouldBe([Error(field, message)]);
        (await client.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(task.Id))).ShouldBe(task);
    }

    [Fact]
    public async Task Changing_only_other_fields_leaves_the_title_alone_and_accepts_the_due_date_limits()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var task = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("keep me"));

        using var earliest = await client.PatchAsJsonAsync(ApiRoutes.Task(task.Id), new UpdateTaskRequest(DueDate: new DateOnly(2000, 1, 1)));
        using var latest = await client.PatchAsJsonAsync(ApiRoutes.Task(task.Id), new UpdateTaskRequest(DueDate: new DateOnly(2100, 12, 31), Priority: TaskPriority.Low));

        earliest.StatusCode.ShouldBe(HttpStatusCode.OK, await earliest.Content.ReadAsStringAsync());
        latest.StatusCode.ShouldBe(HttpStatusCode.OK, await latest.Content.ReadAsStringAsync());
        var stored = await client.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(task.Id));
        (stored!.Title, stored.DueDate, stored.Priority).ShouldBe(("keep me", new DateOnly(2100, 12, 31), TaskPriority.Low));
    }

    [Fact]
    public async Task Clearing_the_due_date_removes_it()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var task = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("dated", DueDate: new DateOnly(2030, 1, 1)));

        using var response = await client.PatchAsJsonAsync(ApiRoutes.Task(task.Id), new UpdateTaskRequest(ClearDueDate: true));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(task.Id)))!.DueDate.ShouldBeNull();
    }

    [Fact]
    public async Task A_blank_description_is_stored_as_none_and_others_are_stored_trimmed_on_both_ways_in()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var blank = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("blank", "   "));
        var padded = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("padded", "  by train \n"));

        using var cleared = await client.PatchAsJsonAsync(ApiRoutes.Task(padded.Id), new UpdateTaskRequest(Title: "  renamed  ", Description: " "));

        blank.Description.ShouldBeNull();
        padded.Description.ShouldBe("by train");
        var stored = await client.GetFromJsonAsync<TaskItem>(ApiRoutes.Task(padded.Id));
        (stored!.Title, stored.Description).ShouldBe(("renamed", null));
    }

    [Fact]
    public async Task Completing_a_done_task_again_keeps_when_it_was_first_completed()
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var task = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("once"));
        using var first = await client.PatchAsJsonAsync(ApiRoutes.Task(task.Id), new UpdateTaskRequest(IsCompleted: true));
        var done = (await first.Content.ReadFromJsonAsync<TaskItem>())!;
        await Task.Delay(20);

        using var again = await client.PatchAsJsonAsync(ApiRoutes.Task(task.Id), new UpdateTaskRequest(IsCompleted: true));

        var stored = (await again.Content.ReadFromJsonAsync<TaskItem>())!;
        stored.CompletedAt.ShouldBe(done.CompletedAt);
        stored.UpdatedAt.ShouldBeGreaterThan(done.UpdatedAt);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string route, string json)
    {
        // Placeholders keep the data readable: one past each length limit.
        var body = json.Replace("DESCRIPTION_2001", new string('d', TaskLimits.DescriptionMaxLength + 1), StringComparison.Ordinal)
            .Replace("TITLE_201", new string('t', TaskLimits.TitleMaxLength + 1), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(method, route) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await client.SendAsync(request);
    }

    /// <summary>The validation problem's errors as "field: message" lines.</summary>
    private static async Task<List<string>> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        return [.. problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!.SelectMany(e => e.Value.Select(m => Error(e.Key, m)))];
    }

    private static string Error(string field, string message) => $"{field}: {message}";
}
