using System.Net;
using Bunit;
using Shouldly;
using Todo.Contracts;
using Todo.Web.Client.Api;
using Todo.Web.Client.Components;
using Xunit;

namespace Todo.Web.Tests.Components;

public sealed class SignInFormTests : ComponentTest
{
    public SignInFormTests() => Session.SignedOut();

    [Fact]
    public void Signing_in_asks_the_host_and_starts_the_session_without_ever_seeing_a_token()
    {
        Transport.OnJson(HttpMethod.Post, BffRoutes.SignIn, Ada, Json.UserProfile);
        var form = Render<SignInForm>();

        form.Find("input[type=email]").Change("ada@example.com");
        form.Find("input[type=password]").Change("correct horse");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Session.User.ShouldBe(Ada));
        var sent = Transport.Sent.ShouldHaveSingleItem();
        sent.Body.ShouldBe("""{"email":"ada@example.com","password":"correct horse"}""");
        sent.CsrfHeader.ShouldBe(BffRoutes.CsrfHeaderValue);
    }

    [Fact]
    public void A_wrong_password_shows_what_the_backend_said()
    {
        Transport.OnProblem(HttpMethod.Post, BffRoutes.SignIn, HttpStatusCode.Unauthorized,
            """{"title":"Sign-in failed","status":401,"detail":"The email or password is not right."}""");
        var form = Render<SignInForm>();

        form.Find("input[type=email]").Change("ada@example.com");
        form.Find("input[type=password]").Change("wrong");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("[role=alert]").TextContent.ShouldBe("The email or password is not right."));
        Session.User.ShouldBeNull();
    }

    [Fact]
    public void A_validation_error_on_sign_up_lists_the_fields_messages()
    {
        Transport.OnProblem(HttpMethod.Post, BffRoutes.SignUp, HttpStatusCode.BadRequest,
            """{"title":"One or more validation errors occurred.","status":400,"errors":{"Password":["Use at least 8 characters."]}}""");
        var form = Render<SignInForm>();

        form.Find("button.link").Click();
        form.Find("input[type=email]").Change("ada@example.com");
        form.Find("input[type=password]").Change("short");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("[role=alert]").TextContent.ShouldBe("Use at least 8 characters."));
        Transport.Sent.ShouldHaveSingleItem().PathAndQuery.ShouldBe(BffRoutes.SignUp);
    }

    [Fact]
    public void When_the_server_cannot_be_reached_the_form_says_so()
    {
        Transport.Unreachable(HttpMethod.Post, BffRoutes.SignIn);
        var form = Render<SignInForm>();

        form.Find("input[type=email]").Change("ada@example.com");
        form.Find("input[type=password]").Change("correct horse");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("[role=alert]").TextContent.ShouldContain("can't be reached"));
        form.Find("button[type=submit]").HasAttribute("disabled").ShouldBeFalse("the user can try again");
    }

    [Fact]
    public void Empty_fields_are_caught_before_anything_is_sent()
    {
        var form = Render<SignInForm>();

        form.Find("form").Submit();

        form.Find("[role=alert]").TextContent.ShouldBe("Enter your email and password.");
        form.Find("input[type=email]").GetAttribute("aria-invalid").ShouldBe("true");
        Transport.Sent.ShouldBeEmpty();
    }

    [Fact]
    public void After_a_session_expired_the_form_explains_why_the_user_is_back()
    {
        Session.SignedOut(new SessionExpiredException().Message);

        var form = Render<SignInForm>();

        form.Find("[role=status]").TextContent.ShouldBe("Your session has expired. Please sign in again.");
    }
}
