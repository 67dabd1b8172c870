using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Todo.Api.Data;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// What a sign-up's INSERT can meet besides success, on real PostgreSQL. Two replicas can both find an email free and
/// both insert it; the unique index on the normalized email lets exactly one through. The loser must answer 409 like any
/// taken email, not 500, and must not touch the winner's account; the race is made deterministic by holding the loser's
/// INSERT until a whole second sign-up for the same email has finished. Any other failure of the INSERT is a server
/// error, never reported as a taken email.
/// </summary>
public sealed class SignUpInsertSpecification : OwnPostgresApp
{
    [Fact]
    public async Task A_sign_up_that_loses_the_race_for_its_email_answers_409_and_the_winner_keeps_the_account()
    {
        const string Email = "raced@example.com";
        var winner = new WinnerFirst();
        var racing = App.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresTodoDbContext>(options => options.AddInterceptors(winner))));
        using var client = racing.CreateClient();
        winner.SignUp = () => client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(Email, "the winner's password", "Winner"));

        using var loser = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(Email, "the loser's password", "Loser"));

        var winnerAnswer = winner.Answer.ShouldNotBeNull("the loser's INSERT was held for the winner");
        winnerAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var problem = await loser.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString())
            .ShouldBe(("Email already registered", "An account with this email already exists; sign in instead."));
        await using var scope = racing.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TodoDbContext>();
        (await db.Users.Where(u => u.NormalizedEmail == "RACED@EXAMPLE.COM").Select(u => u.DisplayName).ToListAsync()).ShouldBe(["Winner"]);
        using var winnerSignIn = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(Email, "the winner's password"));
        using var loserSignIn = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(Email, "the loser's password"));
        (winnerSignIn.StatusCode, loserSignIn.StatusCode).ShouldBe((HttpStatusCode.OK, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_sign_up_whose_insert_fails_for_another_reason_is_a_server_error_not_a_taken_email_and_the_email_stays_free()
    {
        const string Email = "unlucky@example.com";
        var failing = App.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresTodoDbContext>(options => options.AddInterceptors(new FirstInsertFails()))));
        using var client = failing.CreateClient();

        using var failed = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(Email, "a long enough password"));
        using var again = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(Email, "a long enough password"));

        var problem = await failed.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        problem.GetProperty("title").GetString().ShouldNotBe("Email already registered");
        again.StatusCode.ShouldBe(HttpStatusCode.OK, "the failed sign-up stored nothing");
    }

    /// <summary>
    /// Fails the first INSERT into the accounts table the way a constraint the app does not expect would: PostgreSQL's
    /// check_violation (SQLSTATE 23514), which is not transient, so nothing retries it.
    /// </summary>
    private sealed class FirstInsertFails : DbCommandInterceptor
    {
        private int failed;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            FailsFirst(command) ? throw CheckViolation() : ValueTask.FromResult(result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            FailsFirst(command) ? throw CheckViolation() : ValueTask.FromResult(result);

        private bool FailsFirst(DbCommand command) => InsertsAccount(command) && Interlocked.Exchange(ref failed, 1) == 0;

        private static PostgresException CheckViolation() =>
            new("new row for relation \"users\" violates check constraint", "ERROR", "ERROR", PostgresErrorCodes.CheckViolation);
    }

    private static bool InsertsAccount(DbCommand command) =>
        CommandText.Unquoted(command).Contains("INSERT INTO users ", StringComparison.Ordinal);

    /// <summary>
    /// Holds the first INSERT into the accounts table, the loser's, after its "is the email taken" query has answered
    /// no, and runs the winner's whole sign-up (through the same App, as another replica would) before letting it go.
    /// </summary>
    private sealed class WinnerFirst : DbCommandInterceptor
    {
        private int held;

        public Func<Task<HttpResponseMessage>>? SignUp { get; set; }

        public HttpResponseMessage? Answer { get; private set; }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await LetTheWinnerInFirstAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await LetTheWinnerInFirstAsync(command);
            return result;
        }

        private async Task LetTheWinnerInFirstAsync(DbCommand command)
        {
            if (InsertsAccount(command) && Interlocked.Exchange(ref held, 1) == 0)
            {
                Answer = await SignUp!();
            }
        }
    }
}
