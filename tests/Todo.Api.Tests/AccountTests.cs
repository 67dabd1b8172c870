using System.Net;
using System.Net.Http.Json;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

[Collection(SharedSqliteApp.Name)]
public sealed class AccountTests(SqliteApi app)
{
    [Fact]
    public async Task Signing_up_returns_a_token_that_identifies_the_new_user()
    {
        var (client, auth) = await app.Factory.SignUpAsync("dana");

        var me = await client.GetFromJsonAsync<UserProfile>(ApiRoutes.Me);

        me.ShouldBe(auth.User);
        me!.DisplayName.ShouldBe("dana");
        auth.ExpiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(1));
    }

    [Fact]
    public async Task Signing_in_with_the_right_password_works_and_with_a_wrong_one_answers_401()
    {
        using var client = app.Factory.CreateClient();
        var email = $"Erin-{Guid.NewGuid():N}@Example.com";
        (await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password"))).EnsureSuccessStatusCode();

        using var good = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email.ToLowerInvariant(), "long enough password"));
        using var bad = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, "wrong password!"));
        using var unknown = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest("nobody@example.com", "long enough password"));

        good.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await good.Content.ReadFromJsonAsync<AuthResponse>())!.User.Email.ShouldBe(email);
        await bad.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_email_can_be_registered_only_once_whatever_its_case()
    {
        using var client = app.Factory.CreateClient();
        var email = $"frank-{Guid.NewGuid():N}@example.com";
        (await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password"))).EnsureSuccessStatusCode();

        using var again = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email.ToUpperInvariant(), "another password"));

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("not-an-email", "long enough password", "email")]
    [InlineData("a@b.c", "short", "password")]
    [InlineData("two@@example.com", "long enough password", "email")]
    public async Task Invalid_sign_ups_are_refused_with_a_validation_problem(string email, string password, string field)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, password));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }
}
