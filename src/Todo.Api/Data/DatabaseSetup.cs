using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Todo.Api.Hosting;

namespace Todo.Api.Data;

/// <summary>Where the data lives: PostgreSQL when configured, otherwise an embedded SQLite file.</summary>
public sealed record DatabaseTarget(bool IsPostgres, string ConnectionString, string Description)
{
    public static DatabaseTarget From(TodoSettings settings)
    {
        if (settings.DatabaseUrl is { } url)
        {
            var connectionString = PostgresUrl.IsUrl(url) ? PostgresUrl.ToConnectionString(url) : url;
            if (settings.DatabasePassword is { } password)
            {
                connectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Password = password }.ConnectionString;
            }

            return new(true, connectionString, Describe(connectionString));
        }

        if (settings.ConnectionString is { } configured)
        {
            return new(true, configured, Describe(configured));
        }

        var path = Path.GetFullPath(settings.SqlitePath);
        return new(false, $"Data Source={path};Pooling=True", $"SQLite file {path}");
    }

    // Host and database only: a connection string carries the password and never reaches a log line.
    private static string Describe(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
    }
}

public static class DatabaseSetup
{
    // Any constant works as long as every replica uses the same one: it names the lock, not a row.
    private const long MigrationLockKey = 0x70D0_A991;

    public static IServiceCollection AddTodoDatabase(this IServiceCollection services)
    {
        services.AddSingleton(sp => DatabaseTarget.From(sp.GetRequiredService<TodoSettings>()));
        services.AddDbContextPool<PostgresTodoDbContext>((sp, options) => SkipStartupModelDiff(
            options.UseNpgsql(sp.GetRequiredService<DatabaseTarget>().ConnectionString,
                npgsql => npgsql.ExecutionStrategy(dependencies => new ReconnectingExecutionStrategy(dependencies)))));
        services.AddDbContextPool<SqliteTodoDbContext>((sp, options) => SkipStartupModelDiff(
            options.UseSqlite(sp.GetRequiredService<DatabaseTarget>().ConnectionString))
            .ReplaceService<IHistoryRepository, SqliteMigrationsHistory>());
        // The provider is known only once configuration is final (test hosts override it late), so choose per scope.
        services.AddScoped<TodoDbContext>(sp => sp.GetRequiredService<DatabaseTarget>().IsPostgres
            ? sp.GetRequiredService<PostgresTodoDbContext>()
            : sp.GetRequiredService<SqliteTodoDbContext>());
        return services;
    }

    /// <summary>
    /// Migrate() first checks that the model has no change without a migration: it builds the model a second time
    /// from OnModelCreating and diffs it against the migrations' snapshot, on every start of every pod, for a mistake
    /// only a developer can make. EF Core skips that check when its warning is ignored (Migrator.Migrate:
    /// <c>LogPendingModelChanges(...).WarningBehavior != WarningBehavior.Ignore &amp;&amp; HasPendingModelChanges()</c>),
    /// and <c>ModelSpecification</c> makes the same check in the tests, for both providers.
    /// </summary>
    private static DbContextOptionsBuilder SkipStartupModelDiff(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>
    /// Brings the schema up to date. On PostgreSQL the migration runs under a session advisory lock, so replicas
    /// starting together against an empty database take turns: the first migrates, the others find nothing to do.
    /// </summary>
    /// <param name="wait">When given, a PostgreSQL that does not accept connections yet is retried within this policy.</param>
    public static async Task MigrateAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken,
        DatabaseWaitPolicy? wait = null)
    {
        await using var scope = services.CreateAsyncScope();
        var target = scope.ServiceProvider.GetRequiredService<DatabaseTarget>();
        var db = scope.ServiceProvider.GetRequiredService<TodoDbContext>();
        logger.LogInformation("Migrating {Database}", target.Description);

        if (target.IsPostgres)
        {
            if (wait is not null)
            {
                await DatabaseWait.UntilReachableAsync(db, wait, target.Description, logger,
                    scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
            }

            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", cancellationToken);
            }
            finally
            {
                // Closing the session releases the lock even if the migration failed half-way.
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            if (Path.GetDirectoryName(target.ConnectionString["Data Source=".Length..].Split(';')[0]) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            await db.Database.MigrateAsync(cancellationToken);
            // Write-ahead logging lets readers proceed while a request writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        logger.LogInformation("Schema of {Database} is up to date", target.Description);
    }
}
