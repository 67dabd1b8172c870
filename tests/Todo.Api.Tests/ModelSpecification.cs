using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Todo.Api.Data;
using Todo.Api.Data.CompiledModels.Postgres;
using Todo.Api.Data.CompiledModels.Sqlite;

namespace Todo.Api.Tests;

/// <summary>
/// The model the app runs with is generated code (Data/CompiledModels, from <c>dotnet ef dbcontext optimize</c>), and
/// the app does not diff the model against the migrations at start-up (DatabaseSetup.SkipStartupModelDiff): both save
/// start-up time, and both are only right while these hold. Each fails with the command that mends it.
/// </summary>
public sealed class ModelSpecification
{
    public static TheoryData<string> Providers => new() { "PostgreSQL", "SQLite" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_change_to_the_model_has_its_migration(string provider)
    {
        using var db = DesignTimeContext(provider);

        db.Database.HasPendingModelChanges().ShouldBeFalse(
            $"The {provider} model has changed since its last migration: dotnet tool restore && dotnet ef migrations add <Name> --project src/Todo.Api "
            + $"--context {db.GetType().Name} --output-dir Data/Migrations/{Folder(provider)}");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_app_runs_on_the_compiled_model_and_it_is_the_model_OnModelCreating_builds(string provider)
    {
        using var db = DesignTimeContext(provider);
        var compiled = db.Model;
        var fromOnModelCreating = db.GetService<IDesignTimeModel>().Model;

        compiled.ShouldBeOfType(provider == "SQLite" ? typeof(SqliteTodoDbContextModel) : typeof(PostgresTodoDbContextModel));
        // The entities, properties, keys and relationships, then the tables and columns they map to; not the annotations,
        // of which the design-time model keeps more (convention bookkeeping) than any runtime model.
        Describe(compiled).ShouldBe(Describe(fromOnModelCreating),
            $"The compiled {provider} model is out of date: dotnet tool restore && dotnet ef dbcontext optimize --project src/Todo.Api "
            + $"--context {db.GetType().Name} --output-dir Data/CompiledModels/{Folder(provider)} "
            + $"--namespace Todo.Api.Data.CompiledModels.{Folder(provider)}");
    }

    private static string Describe(IModel model) =>
        model.ToDebugString(MetadataDebugStringOptions.ShortDefault) + "\n" + model.GetRelationalModel().ToDebugString(MetadataDebugStringOptions.ShortDefault);

    private static TodoDbContext DesignTimeContext(string provider) => provider == "SQLite"
        ? new SqliteDesignTimeFactory().CreateDbContext([])
        : new PostgresDesignTimeFactory().CreateDbContext([]);

    private static string Folder(string provider) => provider == "SQLite" ? "Sqlite" : "Postgres";
}
