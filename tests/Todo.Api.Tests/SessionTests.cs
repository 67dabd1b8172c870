using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// Issue 17, finding 2: a token must stop working when its session ends, on every replica at once. Two app instances
/// on one real PostgreSQL database stand for two replicas.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private TodoApiFactory first = null!;
    private TodoApiFactory second = null!;

    public async Task InitializeAsync()
    {
        var database = await SharedPostgres.CreateDatabaseAsync();
        var key = new Dictionary<string, string?> { ["AUTH_SIGNING_KEY"] = Convert.ToBase64String(new byte[48]) + "-sessions" };
        first = TodoApiFactory.OnPostgres(database.Url, key);
        second = TodoApiFactory.OnPostgres(database.Url, key);
        first.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_out_token_answers_401_on_every_replica_while_the_users_other_session_lives_on()
    {
        var (client, auth) = await first.SignUpAsync("sam");
        using var otherDevice = await SignInAsync(second, auth.User.Email, Password);
        using var onSecond = WithToken(second, auth.AccessToken);
        (await onSecond.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await client.PostAsync(ApiRoutes.SignOut, null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await client.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await onSecond.GetAsync(ApiRoutes.Tasks)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await otherDevice.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changing_the_password_signs_out_every_other_session_and_keeps_this_one()
    {
        var (laptop, auth) = await first.SignUpAsync("pat");
        using var phone = await SignInAsync(second, auth.User.Email, Password);

        using var change = await laptop.PostAsJsonAsync(ApiRoutes.Password, new ChangePasswordRequest(Password, "a brand new passphrase"));

        change.StatusCode.ShouldBe(HttpStatusCode.NoContent, await change.Content.ReadAsStringAsync());
        (await phone.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await laptop.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var anonymous = first.CreateClient();
        (await anonymous.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, Password))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, "a brand new passphrase"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        var (laptop, auth) = await first.SignUpAsync("quinn");
        using var phone = await SignInAsync(second, auth.User.Email, Password);

        using var change = await laptop.PostAsJsonAsync(ApiRoutes.Password, new ChangePasswordRequest("not my password", "a brand new passphrase"));

        var problem = await change.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("currentPassword", out _).ShouldBeTrue();
        (await phone.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Renewing_a_session_gives_a_later_expiry_and_the_renewed_token_is_revoked_with_its_session()
    {
        var (client, auth) = await first.SignUpAsync("rio");
        await Task.Delay(1100);

        using var renewal = await client.PostAsync(ApiRoutes.Refresh, null);
        var renewed = (await renewal.Content.ReadFromJsonAsync<AuthResponse>())!;
        using var renewedClient = WithToken(second, renewed.AccessToken);

        renewed.ExpiresAt.ShouldBeGreaterThan(auth.ExpiresAt);
        (await renewedClient.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await renewedClient.PostAsync(ApiRoutes.SignOut, null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static HttpClient WithToken(TodoApiFactory app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpClient> SignInAsync(TodoApiFactory app, string email, string password)
    {
        using var anonymous = app.CreateClient();
        using var response = await anonymous.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, password));
        response.EnsureSuccessStatusCode();
        return WithToken(app, (await response.Content.ReadFromJsonAsync<AuthResponse>())!.AccessToken);
    }
}
