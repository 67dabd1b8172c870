using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Todo.Api.Data;
using Todo.Api.Hosting;

namespace Todo.Api.Tests;

/// <summary>
/// On SQLite the app keeps EF Core's migrations history with its own repository (Data/SqliteMigrationsHistory), which
/// writes the history table's script and column names itself instead of building a model for them at every start.
/// It is only right while a database it migrates is the one EF Core would have made, and each reads the other's
/// history: an EF Core update that changes either fails here. Every file is a real SQLite database.
/// </summary>
public sealed class MigrationsHistorySpecification : IDisposable
{
    private readonly string byApp = TemporaryDatabase("app");
    private readonly string byEfCore = TemporaryDatabase("efcore");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { byApp, byEfCore }.SelectMany(path => new[] { path, path + "-wal", path + "-shm" }))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_new_file_the_app_migrates_has_the_schema_and_the_history_EF_Core_itself_writes()
    {
        await MigrateWithTheAppAsync(byApp);
        await MigrateWithEfCoreAsync(byEfCore);

        (await SchemaAsync(byApp)).ShouldBe(await SchemaAsync(byEfCore));
        (await HistoryAsync(byApp)).ShouldBe(await HistoryAsync(byEfCore));
        (await HistoryAsync(byApp)).Count.ShouldBe(AllMigrations().Count);
    }

    [Fact]
    public async Task The_app_reads_the_history_EF_Core_wrote_and_applies_nothing_twice()
    {
        await MigrateWithEfCoreAsync(byEfCore);
        var history = await HistoryAsync(byEfCore);

        // Were the history unreadable, the app would fail here; were it read as empty, the first migration's
        // CREATE TABLE would fail on the tables EF Core created.
        await MigrateWithTheAppAsync(byEfCore);

        (await HistoryAsync(byEfCore)).ShouldBe(history);
        using var app = TodoApiHost.Build(AppArguments(byEfCore));
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<TodoDbContext>().Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task EF_Core_reads_the_history_the_app_wrote()
    {
        await MigrateWithTheAppAsync(byApp);

        using var efCore = EfCoreContext(byApp);
        (await efCore.Database.GetAppliedMigrationsAsync()).ShouldBe(AllMigrations());
        (await efCore.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_history_tables_scripts_are_EF_Cores_own()
    {
        using var app = TodoApiHost.Build(AppArguments(byApp));
        await using var scope = app.Services.CreateAsyncScope();
        var ours = scope.ServiceProvider.GetRequiredService<SqliteTodoDbContext>().GetService<IHistoryRepository>();
        using var efCore = EfCoreContext(byEfCore);
        var theirs = efCore.GetService<IHistoryRepository>();

        ours.ShouldBeOfType<SqliteMigrationsHistory>();
        theirs.ShouldNotBeOfType<SqliteMigrationsHistory>();
        ours.GetCreateScript().ShouldBe(theirs.GetCreateScript());
        ours.GetCreateIfNotExistsScript().ShouldBe(theirs.GetCreateIfNotExistsScript());
        var row = new HistoryRow("20260101000000_Example", "10.0.0");
        ours.GetInsertScript(row).ShouldBe(theirs.GetInsertScript(row));
        ours.GetDeleteScript(row.MigrationId).ShouldBe(theirs.GetDeleteScript(row.MigrationId));
    }

    /// <summary>The app's own <c>migrate</c> verb: the code a standalone container's start runs.</summary>
    private static async Task MigrateWithTheAppAsync(string path) =>
        (await TodoApiHost.MigrateAsync(AppArguments(path))).ShouldBe(0);

    private static async Task MigrateWithEfCoreAsync(string path)
    {
        await using var efCore = EfCoreContext(path);
        await efCore.Database.MigrateAsync();
    }

    private static string[] AppArguments(string path) => [$"--SQLITE_PATH={path}", "--LOG_LEVEL=Warning"];

    /// <summary>The app's context and migrations with every EF Core service its own.</summary>
    private static SqliteTodoDbContext EfCoreContext(string path) =>
        new(new DbContextOptionsBuilder<SqliteTodoDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options);

    private static List<string> AllMigrations()
    {
        using var efCore = EfCoreContext(":memory:");
        return [.. efCore.Database.GetMigrations()];
    }

    private static async Task<List<string>> SchemaAsync(string path) =>
        await QueryAsync(path, "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name");

    private static async Task<List<string>> HistoryAsync(string path) =>
        await QueryAsync(path, """SELECT "MigrationId" || ' ' || "ProductVersion" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """);

    private static async Task<List<string>> QueryAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static string TemporaryDatabase(string by) => Path.Combine(Path.GetTempPath(), $"todo-history-{by}-{Guid.NewGuid():N}.db");
}
