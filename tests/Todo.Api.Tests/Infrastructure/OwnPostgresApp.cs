using Todo.Testing;

namespace Todo.Api.Tests.Infrastructure;

/// <summary>
/// For tests that intercept, hold or break the connections of their app's database: every test gets its own app on
/// its own throwaway PostgreSQL database (xUnit creates the class anew for each test), so nothing they do reaches
/// another test.
/// </summary>
public abstract class OwnPostgresApp : IAsyncLifetime
{
    protected PostgresDatabase Database { get; private set; } = null!;

    protected TodoApiFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await SharedPostgres.CreateDatabaseAsync();
        App = TodoApiFactory.OnPostgres(Database.Url);
    }

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}
