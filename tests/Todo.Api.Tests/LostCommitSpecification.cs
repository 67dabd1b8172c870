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

namespace Todo.Api.Tests;

/// <summary>
/// Adding a task runs in a transaction that the execution strategy reruns when the connection is lost. A connection can
/// be lost during COMMIT itself, on either side of the server's commit, and the app cannot tell which: it must ask the
/// database (EF Core's "verifySucceeded", docs: Connection resiliency, "Transaction commit failure and the idempotency
/// issue") so that the task is stored exactly once, with the next number, either way.
/// </summary>
public sealed class LostCommitSpecification : OwnPostgresApp
{
    private readonly CommitFault fault = new();
    /// <summary>Where the connection breaks while a task is added.</summary>
    public enum LostStep
    {
        /// <summary>The INSERT never reached the server: the retry adds the task.</summary>
        Insert,

        /// <summary>The COMMIT never reached the server: it rolled back, and the retry adds the task.</summary>
        Commit,

        /// <summary>The server committed but its answer never came: the database says so, and nothing is retried.</summary>
        CommitAnswer,
    }

    [Theory]
    [InlineData(LostStep.Insert)]
    [InlineData(LostStep.Commit)]
    [InlineData(LostStep.CommitAnswer)]
    public async Task A_task_added_while_the_connection_breaks_is_stored_exactly_once_with_the_next_number(LostStep lost)
    {
        var faulty = App.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresTodoDbContext>(options => options.AddInterceptors(fault, fault.Commands))));
        var (client, _) = await TodoApiFactory.SignUpAsync(faulty.CreateClient(), "commit");
        var first = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("one"));

        fault.Lose(lost);
        var second = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("two"));

        fault.Fired.ShouldBeTrue($"the {lost} was lost");
        second.Id.ShouldBe(first.Id + 1);
        (await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.Select(t => (t.Id, t.Title))
            .ShouldBe([(first.Id, "one"), (first.Id + 1, "two")], ignoreOrder: true);
    }

    /// <summary>
    /// Breaks one step the way a dropped connection does: Npgsql reports a broken socket as an
    /// <see cref="NpgsqlException"/> "Exception while reading from stream" around the <see cref="EndOfStreamException"/>
    /// (NpgsqlReadBuffer.Ensure): an INSERT that never reached the server, a COMMIT that never reached it, or one whose
    /// answer never came back after the server committed.
    /// </summary>
    private sealed class CommitFault : DbTransactionInterceptor
    {
        private const int Pass = -1;
        private int armed = Pass;
        private int fired;

        public CommitFault() => Commands = new InsertFault(this);

        public DbCommandInterceptor Commands { get; }

        public bool Fired => Volatile.Read(ref fired) == 1;

        /// <summary>Breaks the next <paramref name="step"/> once; every other step passes.</summary>
        public void Lose(LostStep step) => Volatile.Write(ref armed, (int)step);

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default) =>
            Trips(LostStep.Commit) ? throw Lost() : ValueTask.FromResult(result);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
            CancellationToken cancellationToken = default) =>
            Trips(LostStep.CommitAnswer) ? throw Lost() : Task.CompletedTask;

        private bool Trips(LostStep step) => Interlocked.CompareExchange(ref armed, Pass, (int)step) == (int)step;

        private NpgsqlException Lost()
        {
            Volatile.Write(ref fired, 1);
            return new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
        }

        private sealed class InsertFault(CommitFault fault) : DbCommandInterceptor
        {
            public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
                InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
                command.CommandText.Contains("INSERT INTO", StringComparison.Ordinal) && fault.Trips(LostStep.Insert)
                    ? throw fault.Lost()
                    : ValueTask.FromResult(result);
        }
    }
}
