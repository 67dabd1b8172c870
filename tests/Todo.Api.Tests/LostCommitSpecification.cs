using System.Data.Common;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Todo.Api.Data;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Testing;

namespace Todo.Api.Tests;

/// <summary>
/// Adding a task runs in a transaction that the execution strategy reruns when the connection is lost. A connection can
/// be lost during COMMIT itself, on either side of the server's commit, and the app cannot tell which: it must ask the
/// database (EF Core's "verifySucceeded", docs: Connection resiliency, "Transaction commit failure and the idempotency
/// issue") so that the task is stored exactly once, with the next number, either way.
/// </summary>
public sealed class LostCommitSpecification : IAsyncLifetime
{
    private readonly CommitFault fault = new();
    private PostgresDatabase database = null!;
    private TodoApiFactory app = null!;

    public async Task InitializeAsync()
    {
        database = await SharedPostgres.CreateDatabaseAsync();
        app = TodoApiFactory.OnPostgres(database.Url);
    }

    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_task_whose_commit_reached_the_database_but_whose_answer_was_lost_is_stored_once()
    {
        var client = await SignedUpWithFaultAsync();
        var first = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("one"));

        fault.LoseTheAnswerOfTheNextCommit();
        var second = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("two"));

        fault.Fired.ShouldBeTrue("the commit's answer was lost");
        second.Id.ShouldBe(first.Id + 1);
        (await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.Select(t => (t.Id, t.Title))
            .ShouldBe([(first.Id, "one"), (first.Id + 1, "two")], ignoreOrder: true);
    }

    [Fact]
    public async Task A_task_whose_insert_was_lost_is_added_again_once_with_the_next_number()
    {
        var client = await SignedUpWithFaultAsync();
        var first = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("one"));

        fault.LoseTheNextInsert();
        var second = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("two"));

        fault.Fired.ShouldBeTrue("the insert was lost");
        second.Id.ShouldBe(first.Id + 1);
        (await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.Select(t => (t.Id, t.Title))
            .ShouldBe([(first.Id, "one"), (first.Id + 1, "two")], ignoreOrder: true);
    }

    [Fact]
    public async Task A_task_whose_commit_never_reached_the_database_is_added_again_with_the_next_number()
    {
        var client = await SignedUpWithFaultAsync();
        var first = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("one"));

        fault.LoseTheNextCommit();
        var second = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("two"));

        fault.Fired.ShouldBeTrue("the commit was lost");
        second.Id.ShouldBe(first.Id + 1);
        (await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.Select(t => (t.Id, t.Title))
            .ShouldBe([(first.Id, "one"), (first.Id + 1, "two")], ignoreOrder: true);
    }

    private async Task<HttpClient> SignedUpWithFaultAsync()
    {
        var faulty = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresTodoDbContext>(options => options.AddInterceptors(fault, fault.Commands))));
        var client = faulty.CreateClient();
        using var response = await client.PostAsJsonAsync(ApiRoutes.SignUp,
            new SignUpRequest($"commit-{Guid.NewGuid():N}@example.com", "correct horse battery", null));
        response.EnsureSuccessStatusCode();
        var auth = (await response.Content.ReadFromJsonAsync<AuthResponse>())!;
        client.DefaultRequestHeaders.Authorization = new("Bearer", auth.AccessToken);
        return client;
    }

    /// <summary>
    /// Breaks one step the way a dropped connection does: Npgsql reports a broken socket as an
    /// <see cref="NpgsqlException"/> "Exception while reading from stream" around the <see cref="EndOfStreamException"/>
    /// (NpgsqlReadBuffer.Ensure): an INSERT that never reached the server, a COMMIT that never reached it, or one whose
    /// answer never came back after the server committed.
    /// </summary>
    private sealed class CommitFault : DbTransactionInterceptor
    {
        private const int Pass = 0, BeforeInsert = 1, BeforeCommit = 2, AfterCommit = 3;
        private int armed;
        private int fired;

        public CommitFault() => Commands = new InsertFault(this);

        public DbCommandInterceptor Commands { get; }

        public bool Fired => Volatile.Read(ref fired) == 1;

        public void LoseTheNextInsert() => Volatile.Write(ref armed, BeforeInsert);

        public void LoseTheNextCommit() => Volatile.Write(ref armed, BeforeCommit);

        public void LoseTheAnswerOfTheNextCommit() => Volatile.Write(ref armed, AfterCommit);

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default) =>
            Trips(BeforeCommit) ? throw Lost() : ValueTask.FromResult(result);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
            CancellationToken cancellationToken = default) =>
            Trips(AfterCommit) ? throw Lost() : Task.CompletedTask;

        private bool Trips(int step) => Interlocked.CompareExchange(ref armed, Pass, step) == step;

        private NpgsqlException Lost()
        {
            Volatile.Write(ref fired, 1);
            return new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
        }

        private sealed class InsertFault(CommitFault fault) : DbCommandInterceptor
        {
            public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
                InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
                command.CommandText.Contains("INSERT INTO", StringComparison.Ordinal) && fault.Trips(BeforeInsert)
                    ? throw fault.Lost()
                    : ValueTask.FromResult(result);
        }
    }
}
