using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Todo.Api.Data;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// Issue 18: the edges of the account rules — password lengths 8 and 128, the email's shape, the display name's 100
/// characters, a signing key's 32 bytes — and that a removed account's token stays refused, every time.
/// </summary>
public sealed class AccountRulesSpecification(PostgresApi app) : IClassFixture<PostgresApi>
{
    private const string PasswordRule = "The password must be 8 to 128 characters long.";

    [Theory]
    [InlineData(8)]
    [InlineData(128)]
    public async Task A_password_of_8_to_128_characters_signs_up_and_signs_in(int length)
    {
        using var client = app.Factory.CreateClient();
        var email = Email("pw");
        var password = new string('p', length);

        using var signUp = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, password));
        using var signIn = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, password));

        signUp.StatusCode.ShouldBe(HttpStatusCode.OK, await signUp.Content.ReadAsStringAsync());
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(129)]
    public async Task A_password_shorter_than_8_or_longer_than_128_is_refused_and_the_email_stays_free(int length)
    {
        using var client = app.Factory.CreateClient();
        var email = Email("pw");

        using var refused = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, new string('p', length)));
        using var later = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password"));

        (await ErrorsAsync(refused)).ShouldBe([Error("password", PasswordRule)]);
        later.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("@example.com")]
    [InlineData("someone@")]
    [InlineData("some one@example.com")]
    [InlineData("some@one@example.com")]
    [InlineData("no-at-sign.example.com")]
    [InlineData("")]
    public async Task An_email_without_one_at_sign_between_a_local_part_and_a_domain_is_refused(string email)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password"));

        (await ErrorsAsync(response)).ShouldBe([Error("email", "Enter a valid email address.")]);
    }

    [Fact]
    public async Task An_email_of_254_characters_is_accepted_and_255_refused()
    {
        using var client = app.Factory.CreateClient();
        string OfLength(int length)
        {
            var domain = $"@{Guid.NewGuid():N}.example.com";
            return new string('e', length - domain.Length) + domain;
        }

        using var longest = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(OfLength(254), "long enough password"));
        using var tooLong = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(OfLength(255), "long enough password"));

        longest.StatusCode.ShouldBe(HttpStatusCode.OK, await longest.Content.ReadAsStringAsync());
        (await ErrorsAsync(tooLong)).ShouldBe([Error("email", "Enter a valid email address.")]);
    }

    [Fact]
    public async Task The_email_and_display_name_are_stored_trimmed_and_a_blank_display_name_becomes_the_emails_local_part()
    {
        using var client = app.Factory.CreateClient();
        var named = $"Zoe-{Guid.NewGuid():N}@Example.com";
        var unnamed = $"yann-{Guid.NewGuid():N}@example.com";

        using var first = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest($"  {named} ", "long enough password", "  Zoe Z  "));
        using var second = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(unnamed, "long enough password", "   "));

        (await first.Content.ReadFromJsonAsync<AuthResponse>())!.User.ShouldSatisfyAllConditions(
            user => user.Email.ShouldBe(named), user => user.DisplayName.ShouldBe("Zoe Z"));
        (await second.Content.ReadFromJsonAsync<AuthResponse>())!.User.DisplayName.ShouldBe(unnamed.Split('@')[0]);
    }

    [Fact]
    public async Task A_display_name_of_100_characters_is_accepted_and_101_refused()
    {
        using var client = app.Factory.CreateClient();

        using var longest = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(Email("dn"), "long enough password", new string('n', 100)));
        using var tooLong = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(Email("dn"), "long enough password", new string('n', 101)));

        longest.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ErrorsAsync(tooLong)).ShouldBe([Error("displayName", "The display name must be at most 100 characters.")]);
    }

    [Fact]
    public async Task A_blank_display_name_takes_the_emails_local_part_cut_to_100_characters()
    {
        using var client = app.Factory.CreateClient();
        var local = $"{Guid.NewGuid():N}{new string('l', 100)}";

        using var response = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest($"{local}@example.com", "long enough password"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<AuthResponse>())!.User.DisplayName.ShouldBe(local[..100]);
    }

    [Fact]
    public async Task Signing_in_removes_the_accounts_expired_sessions_and_keeps_its_live_ones()
    {
        var (client, auth) = await app.Factory.SignUpAsync("pruned");
        var expired = new UserSession
        {
            Id = Guid.CreateVersion7(), UserId = auth.User.Id, CreatedAt = DateTimeOffset.UtcNow.AddDays(-3), ExpiresAt = DateTimeOffset.UtcNow.AddDays(-2),
        };
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TodoDbContext>();
            db.Sessions.Add(expired);
            await db.SaveChangesAsync();
        }

        using var signIn = await app.Factory.CreateClient().PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, "correct horse battery"));

        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var check = app.Factory.Services.CreateAsyncScope();
        var sessions = await check.ServiceProvider.GetRequiredService<TodoDbContext>().Sessions.Where(s => s.UserId == auth.User.Id).ToListAsync();
        sessions.Count.ShouldBe(2, "the sign-up's session and the sign-in's");
        sessions.ShouldNotContain(s => s.Id == expired.Id);
        (await client.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Renewing_on_one_device_renews_that_devices_session_and_no_other()
    {
        var (laptop, auth) = await app.Factory.SignUpAsync("devices");
        using var signIn = await app.Factory.CreateClient().PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, "correct horse battery"));
        using var phone = WithToken((await signIn.Content.ReadFromJsonAsync<AuthResponse>())!.AccessToken);

        using var renewal = await phone.PostAsync(ApiRoutes.Refresh, null);
        using var renewedPhone = WithToken((await renewal.Content.ReadFromJsonAsync<AuthResponse>())!.AccessToken);
        using var signOut = await renewedPhone.PostAsync(ApiRoutes.SignOut, null);

        signOut.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await phone.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the phone's session ended");
        (await laptop.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.OK, "the laptop's session is another one");
    }

    [Fact]
    public async Task Renewing_stores_the_later_expiry_with_the_session_so_pruning_expired_sessions_keeps_it()
    {
        var (client, auth) = await app.Factory.SignUpAsync("renewed");

        using var renewal = await client.PostAsync(ApiRoutes.Refresh, null);

        var renewed = (await renewal.Content.ReadFromJsonAsync<AuthResponse>())!;
        renewed.ExpiresAt.ShouldBeGreaterThan(auth.ExpiresAt);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<TodoDbContext>().Sessions.SingleAsync(s => s.UserId == auth.User.Id);
        stored.ExpiresAt.ShouldBe(renewed.ExpiresAt);
    }

    [Fact]
    public async Task A_correct_password_clears_the_accounts_count_of_failed_sign_ins()
    {
        await using var factory = await WithSettingsAsync(new() { ["AUTH_FAILURES_PER_ACCOUNT"] = "2" });
        var (_, auth) = await factory.SignUpAsync("forgetful");
        using var anonymous = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var password in new[] { "wrong password", "correct horse battery", "wrong password", "correct horse battery" })
        {
            using var response = await anonymous.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, password));
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK]);
    }

    [Fact]
    public async Task A_locked_account_is_told_the_seconds_left_and_signs_in_again_once_its_oldest_failure_is_15_minutes_old()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var factory = await WithSettingsAsync(new() { ["AUTH_FAILURES_PER_ACCOUNT"] = "2", ["AUTH_FAILURE_WINDOW_MINUTES"] = "15" }, clock);
        var (_, auth) = await factory.SignUpAsync("patient");
        using var anonymous = factory.CreateClient();
        Task<HttpResponseMessage> SignInAsync(string password) => anonymous.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, password));

        using var firstFailure = await SignInAsync("wrong password");
        clock.Advance(TimeSpan.FromMinutes(1));
        using var secondFailure = await SignInAsync("wrong password");
        using var lockedAt1Minute = await SignInAsync("correct horse battery");
        clock.Advance(new TimeSpan(0, 12, 29) + TimeSpan.FromMilliseconds(500));
        using var lockedAt13Minutes29Point5 = await SignInAsync("correct horse battery");
        clock.Advance(TimeSpan.FromSeconds(90.5));
        using var at15Minutes = await SignInAsync("correct horse battery");

        firstFailure.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        secondFailure.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await ShouldBeToldToWaitAsync(lockedAt1Minute, seconds: 14 * 60);
        await ShouldBeToldToWaitAsync(lockedAt13Minutes29Point5, seconds: 91);
        at15Minutes.StatusCode.ShouldBe(HttpStatusCode.OK, "the first failure has left the window, one is under the limit of 2");
    }

    [Fact]
    public async Task Signing_up_again_with_a_registered_email_counts_toward_that_accounts_lock_like_a_wrong_password()
    {
        // A fixed clock, so the lock's seconds left are exactly the 15-minute window.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var factory = await WithSettingsAsync(new() { ["AUTH_FAILURES_PER_ACCOUNT"] = "2", ["AUTH_FAILURE_WINDOW_MINUTES"] = "15" }, clock);
        var (_, auth) = await factory.SignUpAsync("probed");
        using var prober = factory.CreateClient();
        Task<HttpResponseMessage> SignUpAgainAsync() => prober.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(auth.User.Email.ToUpperInvariant(), "another long password"));

        using var firstProbe = await SignUpAgainAsync();
        using var secondProbe = await SignUpAgainAsync();
        using var thirdProbe = await SignUpAgainAsync();
        using var owner = await factory.CreateClient().PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, "correct horse battery"));

        firstProbe.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        secondProbe.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await ShouldBeToldToWaitAsync(thirdProbe, seconds: 15 * 60);
        await ShouldBeToldToWaitAsync(owner, seconds: 15 * 60);
    }

    [Theory]
    [InlineData("Ann\nLee")]
    [InlineData("Ann\0")]
    public async Task A_display_name_of_more_than_one_line_or_with_a_control_character_is_refused_saying_so_and_the_email_stays_free(string displayName)
    {
        using var client = app.Factory.CreateClient();
        var email = Email("named");

        using var refused = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password", displayName));
        using var later = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password", "Ann Lee"));

        (await ErrorsAsync(refused)).ShouldBe([Error("displayName", "The display name must be one line of text, without control characters such as NUL.")]);
        later.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_up_without_an_email_is_a_validation_problem_naming_it()
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.PostAsJsonAsync(ApiRoutes.SignUp, new { password = "long enough password" });

        (await ErrorsAsync(response)).ShouldBe([Error("email", "Enter a valid email address.")]);
    }

    [Fact]
    public async Task A_display_name_of_100_characters_between_spaces_is_accepted_and_stored_trimmed()
    {
        using var client = app.Factory.CreateClient();
        var name = new string('n', 100);

        using var response = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(Email("spaced"), "long enough password", $"  {name}  "));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<AuthResponse>())!.User.DisplayName.ShouldBe(name);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_read_the_same_401()
    {
        var (_, auth) = await app.Factory.SignUpAsync("known");
        using var client = app.Factory.CreateClient();

        using var wrongPassword = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, "wrong password"));
        using var unknownEmail = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(Email("unknown"), "wrong password"));

        foreach (var response in new[] { wrongPassword, unknownEmail })
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString())
                .ShouldBe(("Sign-in failed", "The email or password is incorrect."));
        }
    }

    [Fact]
    public async Task Signing_up_with_a_registered_email_answers_409_telling_the_user_to_sign_in()
    {
        var (_, auth) = await app.Factory.SignUpAsync("taken");
        using var client = app.Factory.CreateClient();

        using var again = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(auth.User.Email.ToUpperInvariant(), "another long password"));

        var problem = await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString())
            .ShouldBe(("Email already registered", "An account with this email already exists; sign in instead."));
    }

    [Fact]
    public async Task Sign_ups_racing_for_one_email_make_one_account_and_answer_the_others_409()
    {
        var email = Email("race");
        using var client = app.Factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password"))));

        var statuses = responses.Select(r => r.StatusCode).Order().ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict]);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var normalized = email.ToUpperInvariant();
        (await scope.ServiceProvider.GetRequiredService<TodoDbContext>().Users.CountAsync(u => u.NormalizedEmail == normalized)).ShouldBe(1);
    }

    [Fact]
    public async Task Wrong_current_passwords_when_changing_it_count_toward_the_accounts_lock()
    {
        await using var factory = await WithSettingsAsync(new() { ["AUTH_FAILURES_PER_ACCOUNT"] = "2" });
        var (client, auth) = await factory.SignUpAsync("stolen");

        var statuses = new List<HttpStatusCode>();
        foreach (var current in new[] { "guess one", "guess two", "correct horse battery" })
        {
            using var response = await client.PostAsJsonAsync(ApiRoutes.Password, new ChangePasswordRequest(current, "a brand new passphrase"));
            statuses.Add(response.StatusCode);
        }

        using var signIn = await factory.CreateClient().PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, "correct horse battery"));
        statuses.ShouldBe([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests]);
        await signIn.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Changing_the_password_without_the_current_one_is_a_validation_problem()
    {
        var (client, _) = await app.Factory.SignUpAsync("forgot");

        using var response = await client.PostAsJsonAsync(ApiRoutes.Password, new { newPassword = "a brand new passphrase" });

        (await ErrorsAsync(response)).ShouldBe([Error("currentPassword", "The current password is incorrect.")]);
    }

    [Theory]
    [InlineData("", "long enough password")]
    [InlineData("  ", "long enough password")]
    [InlineData("someone@example.com", "")]
    public async Task Signing_in_without_an_email_or_password_is_a_validation_problem(string email, string password)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, password));

        (await ErrorsAsync(response)).ShouldBe([Error("email", "Email and password are required.")]);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(129)]
    public async Task A_new_password_outside_8_to_128_characters_is_refused_and_the_old_one_still_works(int length)
    {
        var (client, auth) = await app.Factory.SignUpAsync("changer");

        using var refused = await client.PostAsJsonAsync(ApiRoutes.Password, new ChangePasswordRequest("correct horse battery", new string('n', length)));
        using var signIn = await app.Factory.CreateClient().PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, "correct horse battery"));

        (await ErrorsAsync(refused)).ShouldBe([Error("newPassword", PasswordRule)]);
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_up_or_changing_the_password_without_a_new_password_is_a_validation_problem_naming_it()
    {
        var (client, _) = await app.Factory.SignUpAsync("passwordless");

        using var signUp = await app.Factory.CreateClient().PostAsJsonAsync(ApiRoutes.SignUp, new { email = Email("passwordless") });
        using var change = await client.PostAsJsonAsync(ApiRoutes.Password, new { currentPassword = "correct horse battery" });

        (await ErrorsAsync(signUp)).ShouldBe([Error("password", PasswordRule)]);
        (await ErrorsAsync(change)).ShouldBe([Error("newPassword", PasswordRule)]);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(128)]
    public async Task A_new_password_of_8_to_128_characters_replaces_the_old_one(int length)
    {
        var (client, auth) = await app.Factory.SignUpAsync("changer");
        var password = new string('n', length);

        using var changed = await client.PostAsJsonAsync(ApiRoutes.Password, new ChangePasswordRequest("correct horse battery", password));
        using var anonymous = app.Factory.CreateClient();
        using var withOld = await anonymous.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, "correct horse battery"));
        using var withNew = await anonymous.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, password));

        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        withOld.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        withNew.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_removed_accounts_token_is_refused_on_every_request_not_only_the_first()
    {
        var (client, auth) = await app.Factory.SignUpAsync("leaving");
        (await client.GetAsync(ApiRoutes.Tasks)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // No endpoint deletes accounts; an operator removing the row is what "removed" means (sessions cascade).
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TodoDbContext>().Users.Where(u => u.Id == auth.User.Id).ExecuteDeleteAsync();
        }

        var statuses = new List<HttpStatusCode>();
        foreach (var route in new[] { ApiRoutes.Tasks, ApiRoutes.Me, ApiRoutes.Tasks, ApiRoutes.Me })
        {
            using var response = await client.GetAsync(route);
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldAllBe(status => status == HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("AUTH_SIGNING_KEY")]
    [InlineData("AUTH_PREVIOUS_SIGNING_KEYS")]
    public async Task A_signing_key_shorter_than_32_bytes_stops_the_start_naming_the_setting(string setting)
    {
        var settings = new Dictionary<string, string?> { ["AUTH_SIGNING_KEY"] = new string('k', 32), [setting] = new string('s', 31) };
        await using var factory = TodoApiFactory.OnPostgres((await SharedPostgres.CreateDatabaseAsync()).Url, settings);

        factory.RefusedStartReason().ShouldBe($"{setting} must be at least 32 bytes per key; generate one with: openssl rand -base64 48");
    }

    [Fact]
    public async Task A_signing_key_of_32_bytes_signs_tokens_the_app_accepts()
    {
        var settings = new Dictionary<string, string?> { ["AUTH_SIGNING_KEY"] = new string('k', 32) };
        await using var factory = TodoApiFactory.OnPostgres((await SharedPostgres.CreateDatabaseAsync()).Url, settings);

        var (client, _) = await factory.SignUpAsync("keyed");

        (await client.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private HttpClient WithToken(string token)
    {
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static async Task<TodoApiFactory> WithSettingsAsync(Dictionary<string, string?> settings, TimeProvider? clock = null) =>
        TodoApiFactory.OnPostgres((await SharedPostgres.CreateDatabaseAsync()).Url, settings, clock);

    /// <summary>A 429 whose Retry-After and detail both name the whole seconds left, rounded up.</summary>
    private static async Task ShouldBeToldToWaitAsync(HttpResponseMessage response, int seconds)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(seconds));
        (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()).ShouldBe(
            ("Too many failed attempts", $"Too many failed attempts for this account; try again in {seconds} seconds."));
    }

    private static string Email(string name) => $"{name}-{Guid.NewGuid():N}@example.com";

    /// <summary>The validation problem's errors as "field: message" lines.</summary>
    private static async Task<List<string>> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        return [.. problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!.SelectMany(e => e.Value.Select(m => Error(e.Key, m)))];
    }

    private static string Error(string field, string message) => $"{field}: {message}";
}
