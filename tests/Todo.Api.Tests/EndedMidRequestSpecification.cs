using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Todo.Api.Data;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// The token check finds a request's session before the endpoint runs; a sign-out through another replica, or an
/// operator removing the account (its sessions cascade), can land in between. The endpoint must then answer as if the
/// session or account were already gone — a 401 or 404 problem saying so, never a 500 — and renew or change nothing.
/// Made deterministic on real PostgreSQL: the endpoint's own first query of the table waits until the other change has
/// committed.
/// </summary>
public sealed class EndedMidRequestSpecification : OwnPostgresApp
{
    [Fact]
    public async Task Refreshing_a_session_signed_out_while_the_refresh_is_in_flight_answers_401_and_renews_nothing()
    {
        var (client, _) = await App.SignUpAsync("refresher");
        var meanwhile = new Meanwhile("sessions", () => client.PostAsync(ApiRoutes.SignOut, null));
        using var racing = SignedInClientHeldBy(meanwhile, client);

        using var refresh = await racing.PostAsync(ApiRoutes.Refresh, null);

        meanwhile.Answer.ShouldBe(HttpStatusCode.NoContent, "the sign-out landed between the token check and the refresh");
        await ShouldSayAsync(refresh, HttpStatusCode.Unauthorized, "Session ended", "This session has ended; sign in again.");
        (await client.GetAsync(ApiRoutes.Me)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reading_the_profile_of_an_account_removed_while_the_request_is_in_flight_answers_404()
    {
        var (client, auth) = await App.SignUpAsync("removed");
        var meanwhile = new Meanwhile("users", () => RemoveAccountAsync(auth.User.Id));
        using var racing = SignedInClientHeldBy(meanwhile, client);

        using var me = await racing.GetAsync(ApiRoutes.Me);

        meanwhile.Answer.ShouldBe(HttpStatusCode.OK, "the account was removed between the token check and the profile query");
        await ShouldSayAsync(me, HttpStatusCode.NotFound, "Account not found", "The account this token was issued for no longer exists.");
    }

    [Fact]
    public async Task Changing_the_password_of_an_account_removed_while_the_request_is_in_flight_answers_401_and_stores_nothing()
    {
        var (client, auth) = await App.SignUpAsync("removed");
        var meanwhile = new Meanwhile("users", () => RemoveAccountAsync(auth.User.Id));
        using var racing = SignedInClientHeldBy(meanwhile, client);

        using var change = await racing.PostAsJsonAsync(ApiRoutes.Password, new ChangePasswordRequest("correct horse battery", "a brand new passphrase"));

        meanwhile.Answer.ShouldBe(HttpStatusCode.OK, "the account was removed between the token check and the password change");
        var problem = await change.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("title").GetString().ShouldBe("Account not found");
        await using var scope = App.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TodoDbContext>().Users.AnyAsync(u => u.Id == auth.User.Id)).ShouldBeFalse();
    }

    /// <summary>A client of the app with <paramref name="meanwhile"/> on its database, sending <paramref name="signedIn"/>'s token.</summary>
    private HttpClient SignedInClientHeldBy(Meanwhile meanwhile, HttpClient signedIn)
    {
        var client = App.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresTodoDbContext>(options => options.AddInterceptors(meanwhile)))).CreateClient();
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>No endpoint removes accounts: an operator deleting the row is what "removed" means.</summary>
    private async Task<HttpResponseMessage> RemoveAccountAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TodoDbContext>().Users.Where(u => u.Id == id).ExecuteDeleteAsync();
        return new HttpResponseMessage(HttpStatusCode.OK);
    }

    private static async Task ShouldSayAsync(HttpResponseMessage response, HttpStatusCode status, string title, string detail)
    {
        var problem = await response.ShouldBeProblemAsync(status);
        (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()).ShouldBe((title, detail));
    }

    /// <summary>
    /// Before the first query that reads <paramref name="table"/> as rows (the token check asks with <c>EXISTS</c>, so it
    /// passes), runs <paramref name="change"/> to its end, once.
    /// </summary>
    private sealed class Meanwhile(string table, Func<Task<HttpResponseMessage>> change) : DbCommandInterceptor
    {
        private int ran;

        public HttpStatusCode? Answer { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var sql = CommandText.Unquoted(command);
            if (sql.StartsWith("SELECT", StringComparison.Ordinal) && !sql.Contains("EXISTS", StringComparison.Ordinal)
                && sql.Contains($"FROM {table} ", StringComparison.Ordinal) && Interlocked.Exchange(ref ran, 1) == 0)
            {
                using var response = await change();
                Answer = response.StatusCode;
            }

            return result;
        }
    }
}
