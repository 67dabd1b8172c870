using System.Net;
using Bunit;
using Shouldly;
using Todo.Contracts;
using Xunit;

namespace Todo.Web.Tests.Components;

public sealed class AppTests : ComponentTest
{
    public AppTests() => Session.SignedOut();

    [Fact]
    public void A_visitor_with_a_live_session_lands_in_the_workspace()
    {
        Transport.OnJson(HttpMethod.Get, ApiRoutes.Me, Ada, Json.UserProfile);
        Transport.OnJson(HttpMethod.Get, ApiRoutes.Tasks + "?status=all", [], Json.ListTaskItem);

        var app = Render<Todo.Web.Client.App>();

        app.WaitForAssertion(() => app.Find(".account-name").TextContent.ShouldBe("Ada"));
        app.Find("#composer-input").ShouldNotBeNull();
    }

    [Fact]
    public void When_the_session_expires_mid_use_the_app_returns_to_sign_in_and_says_why()
    {
        Transport.OnJson(HttpMethod.Get, ApiRoutes.Me, Ada, Json.UserProfile);
        Transport.OnProblem(HttpMethod.Get, ApiRoutes.Tasks + "?status=all", HttpStatusCode.Unauthorized, """{"title":"Unauthorized","status":401}""");

        var app = Render<Todo.Web.Client.App>();

        app.WaitForAssertion(() => app.Find("h1").TextContent.ShouldBe("Welcome back"));
        app.Find(".notice").TextContent.ShouldBe("Your session has expired. Please sign in again.");
    }

    [Fact]
    public void A_first_visit_without_a_session_is_just_the_sign_in_page_without_alarm()
    {
        Transport.OnProblem(HttpMethod.Get, ApiRoutes.Me, HttpStatusCode.Unauthorized, """{"title":"Unauthorized","status":401}""");

        var app = Render<Todo.Web.Client.App>();

        app.WaitForAssertion(() => app.Find("h1").TextContent.ShouldBe("Welcome back"));
        app.FindAll(".notice, [role=alert]").ShouldBeEmpty();
    }

    [Fact]
    public void When_the_backend_is_down_on_arrival_the_sign_in_page_says_so()
    {
        Transport.On(HttpMethod.Get, ApiRoutes.Me, _ => new HttpResponseMessage(HttpStatusCode.BadGateway));

        var app = Render<Todo.Web.Client.App>();

        app.WaitForAssertion(() => app.Find(".notice").TextContent.ShouldContain("can't be reached"));
    }
}
