using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// A PostgreSQL restart ends every connection in the app's pool, and Npgsql does not notice until a pooled connection
/// is used again (npgsql/npgsql#5073, npgsql/doc#132: "database restart doesn't clear the pool - you need
/// resiliency"). Terminating the backends is what a restart does to them: each receives 57P01 admin_shutdown.
/// </summary>
public sealed class DatabaseRestartTests : OwnPostgresApp
{
    [Fact]
    public async Task Requests_after_the_database_ended_every_pooled_connection_succeed()
    {
        var (client, _) = await App.SignUpAsync();
        await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("before the restart"));

        (await EndEveryOtherConnectionAsync()).ShouldBeGreaterThan(0, "the app held pooled connections to end");

        (await client.GetAsync(ApiRoutes.Tasks)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("after the restart"));
        var chat = await client.PostAsJsonAsync(ApiRoutes.Chat, new ChatRequest("add call the plumber"));
        chat.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tasks = await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks);
        tasks!.Select(t => t.Title).ShouldBe(["before the restart", "after the restart", "call the plumber"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_task_added_while_connections_break_gets_the_next_number_exactly_once()
    {
        var (client, _) = await App.SignUpAsync();
        var first = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("one"));

        await EndEveryOtherConnectionAsync();
        var second = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("two"));

        second.Id.ShouldBe(first.Id + 1);
        (await client.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.Count.ShouldBe(2);
    }

    private async Task<int> EndEveryOtherConnectionAsync()
    {
        var own = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(own);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
