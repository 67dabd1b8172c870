using System.Net;
using Bunit;
using Shouldly;
using Todo.Contracts;
using Todo.Web.Client.Components;
using Xunit;

namespace Todo.Web.Tests.Components;

public sealed class TaskListTests : ComponentTest
{
    private const string AllTasks = ApiRoutes.Tasks + "?status=all";

    [Fact]
    public void Open_tasks_come_before_done_ones_and_the_header_counts_what_is_open()
    {
        Transport.OnJson(HttpMethod.Get, AllTasks, [Task(1, "file taxes", done: true), Task(2, "buy milk"), Task(3, "call mum")], Json.ListTaskItem);

        var list = Render<TaskList>();

        list.WaitForAssertion(() => list.FindAll("li.task .task-title").Select(t => t.TextContent)
            .ShouldBe(["buy milk", "call mum", "file taxes"]));
        list.Find("#tasks-title + p").TextContent.ShouldBe("2 open");
        list.Find("li.task.done .task-title").TextContent.ShouldBe("file taxes");
    }

    [Fact]
    public void Each_task_shows_the_number_the_assistant_knows_it_by()
    {
        Transport.OnJson(HttpMethod.Get, AllTasks, [Task(1, "file taxes"), Task(2, "buy milk")], Json.ListTaskItem);

        var list = Render<TaskList>();

        list.WaitForAssertion(() => list.FindAll("li.task .task-number").Select(n => n.TextContent).ShouldBe(["#1", "#2"]));
    }

    [Fact]
    public void An_empty_list_suggests_how_to_add_a_task()
    {
        Transport.OnJson(HttpMethod.Get, AllTasks, [], Json.ListTaskItem);

        var list = Render<TaskList>();

        list.WaitForAssertion(() => list.Find(".empty-title").TextContent.ShouldBe("Your list is empty"));
        list.Find(".empty .muted").TextContent.ShouldContain("add buy milk");
    }

    [Fact]
    public void When_the_backend_is_down_the_list_says_so_and_try_again_recovers()
    {
        Transport.On(HttpMethod.Get, AllTasks, _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var list = Render<TaskList>();
        list.WaitForAssertion(() => list.Find("[role=alert]").TextContent.ShouldContain("can't be reached"));

        Transport.OnJson(HttpMethod.Get, AllTasks, [Task(2, "buy milk")], Json.ListTaskItem);
        list.Find("[role=alert] button").Click();

        list.WaitForAssertion(() => list.Find("li.task .task-title").TextContent.ShouldBe("buy milk"));
        list.FindAll("[role=alert]").ShouldBeEmpty();
    }

    [Fact]
    public void Ticking_a_task_completes_it_on_the_server_and_strikes_it_through()
    {
        Transport.OnJson(HttpMethod.Get, AllTasks, [Task(2, "buy milk")], Json.ListTaskItem);
        Transport.OnJson(HttpMethod.Patch, ApiRoutes.Task(2), Task(2, "buy milk", done: true), Json.TaskItem);
        var list = Render<TaskList>();
        list.WaitForAssertion(() => list.FindAll("li.task").Count.ShouldBe(1));

        list.Find("li.task input.check").Change(true);

        list.WaitForAssertion(() => list.Find("li.task").ClassList.ShouldContain("done"));
        Transport.Sent.Last().Body!.ShouldContain("\"isCompleted\":true");
        list.Find("#tasks-title + p").TextContent.ShouldBe("All clear");
    }

    [Fact]
    public void A_task_typed_into_the_list_is_created_and_shown()
    {
        Transport.OnJson(HttpMethod.Get, AllTasks, [], Json.ListTaskItem);
        Transport.OnJson(HttpMethod.Post, ApiRoutes.Tasks, Task(5, "water plants"), Json.TaskItem, HttpStatusCode.Created);
        var list = Render<TaskList>();
        list.WaitForAssertion(() => list.FindAll(".empty").Count.ShouldBe(1));

        list.Find("#new-task").Input("water plants");
        list.Find("form.add-task").Submit();

        list.WaitForAssertion(() => list.Find("li.task .task-title").TextContent.ShouldBe("water plants"));
        Transport.Sent.Last().Body.ShouldBe("""{"title":"water plants","description":null,"priority":null,"dueDate":null}""");
        list.Find("#new-task").GetAttribute("value").ShouldBeEmpty();
    }

    [Fact]
    public void Editing_sends_title_notes_priority_and_due_date_and_shows_the_result()
    {
        Transport.OnJson(HttpMethod.Get, AllTasks, [Task(2, "buy milk")], Json.ListTaskItem);
        var edited = Task(2, "buy oat milk") with { Description = "the barista one", Priority = TaskPriority.High, DueDate = new DateOnly(2030, 1, 2) };
        Transport.OnJson(HttpMethod.Patch, ApiRoutes.Task(2), edited, Json.TaskItem);
        var list = Render<TaskList>();
        list.WaitForAssertion(() => list.FindAll("li.task").Count.ShouldBe(1));

        list.Find("button[aria-label='Edit buy milk']").Click();
        list.Find(".task-editor input[type=text]").Change("buy oat milk");
        list.Find(".task-editor textarea").Change("the barista one");
        list.Find(".task-editor select").Change("High");
        list.Find(".task-editor input[type=date]").Change("2030-01-02");
        list.Find(".task-editor").Submit();

        list.WaitForAssertion(() => list.Find("li.task .task-title").TextContent.ShouldBe("buy oat milk"));
        Transport.Sent.Last().Body.ShouldBe(
            """{"title":"buy oat milk","description":"the barista one","isCompleted":null,"priority":"High","dueDate":"2030-01-02","clearDueDate":false}""");
        list.Find(".task-notes").TextContent.ShouldBe("the barista one");
        list.Find(".badge.priority-high").TextContent.ShouldBe("High priority");
        list.Find(".badge.due").TextContent.ShouldBe("Jan 2");
    }

    [Fact]
    public void A_refused_edit_keeps_the_editor_open_with_the_reason()
    {
        Transport.OnJson(HttpMethod.Get, AllTasks, [Task(2, "buy milk")], Json.ListTaskItem);
        Transport.OnProblem(HttpMethod.Patch, ApiRoutes.Task(2), HttpStatusCode.BadRequest,
            """{"title":"One or more validation errors occurred.","status":400,"errors":{"Title":["The title is too long."]}}""");
        var list = Render<TaskList>();
        list.WaitForAssertion(() => list.FindAll("li.task").Count.ShouldBe(1));

        list.Find("button[aria-label='Edit buy milk']").Click();
        list.Find(".task-editor input[type=text]").Change("buy milk, again");
        list.Find(".task-editor").Submit();

        list.WaitForAssertion(() => list.Find(".task-editor [role=alert]").TextContent.ShouldBe("The title is too long."));
    }

    [Fact]
    public void Deleting_removes_the_task()
    {
        Transport.OnJson(HttpMethod.Get, AllTasks, [Task(2, "buy milk"), Task(3, "call mum")], Json.ListTaskItem);
        Transport.On(HttpMethod.Delete, ApiRoutes.Task(2), _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var list = Render<TaskList>();
        list.WaitForAssertion(() => list.FindAll("li.task").Count.ShouldBe(2));

        list.Find("button[aria-label='Delete buy milk']").Click();

        list.WaitForAssertion(() => list.FindAll("li.task .task-title").Select(t => t.TextContent).ShouldBe(["call mum"]));
        Transport.Sent.Last().CsrfHeader.ShouldNotBeNull();
    }

    [Fact]
    public void An_expired_session_while_loading_sends_the_user_back_to_sign_in()
    {
        Transport.OnProblem(HttpMethod.Get, AllTasks, HttpStatusCode.Unauthorized, """{"title":"Unauthorized","status":401}""");

        Render<TaskList>();

        Session.User.ShouldBeNull();
        Session.SignedOutReason.ShouldBe("Your session has expired. Please sign in again.");
    }

    [Fact]
    public void The_done_filter_asks_the_server_for_completed_tasks_only()
    {
        Transport.OnJson(HttpMethod.Get, AllTasks, [Task(2, "buy milk")], Json.ListTaskItem);
        Transport.OnJson(HttpMethod.Get, ApiRoutes.Tasks + "?status=completed", [Task(1, "file taxes", done: true)], Json.ListTaskItem);
        var list = Render<TaskList>();
        list.WaitForAssertion(() => list.FindAll("li.task").Count.ShouldBe(1));

        list.FindAll(".segmented button").Single(b => b.TextContent == "Done").Click();

        list.WaitForAssertion(() => list.Find("li.task .task-title").TextContent.ShouldBe("file taxes"));
        list.Find("#tasks-title + p").TextContent.ShouldBe("1 done");
    }
}
