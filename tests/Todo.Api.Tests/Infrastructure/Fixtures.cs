using Todo.Testing;

namespace Todo.Api.Tests.Infrastructure;

/// <summary>One PostgreSQL server for the whole test run; each fixture gets its own database on it.</summary>
public static class SharedPostgres
{
    private static readonly Lazy<Task<ThrowawayPostgres>> Server = new(() =>
    {
        var start = ThrowawayPostgres.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (start.IsCompletedSuccessfully)
            {
                start.Result.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        };
        return start;
    });

    public static async Task<PostgresDatabase> CreateDatabaseAsync() => await (await Server.Value).CreateDatabaseAsync();
}

/// <summary>The app on a fresh database; which database is the subclass's business.</summary>
public abstract class ApiFixture : IAsyncLifetime
{
    public TodoApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = await CreateFactoryAsync();
        // Start the host now so the first test does not pay for migrations inside its own timing.
        using var _ = Factory.CreateClient();
    }

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();

    protected abstract Task<TodoApiFactory> CreateFactoryAsync();
}

public sealed class SqliteApi : ApiFixture
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"todo-test-{Guid.NewGuid():N}.db");

    protected override Task<TodoApiFactory> CreateFactoryAsync() => Task.FromResult(TodoApiFactory.OnSqlite(path));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

public sealed class PostgresApi : ApiFixture
{
    protected override async Task<TodoApiFactory> CreateFactoryAsync() =>
        TodoApiFactory.OnPostgres((await SharedPostgres.CreateDatabaseAsync()).Url);
}

/// <summary>Classes in this collection share one app on SQLite: cheaper than one app per class on 2 cores.</summary>
[CollectionDefinition(Name)]
public sealed class SharedSqliteApp : ICollectionFixture<SqliteApi>
{
    public const string Name = "app on SQLite";
}
