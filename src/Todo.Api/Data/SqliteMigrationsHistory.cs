using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;

namespace Todo.Api.Data;

/// <summary>
/// EF Core's migrations history table on SQLite, without the model EF builds for it. To name the table's two columns
/// and write its one CREATE TABLE, <c>HistoryRepository</c> builds a model of <see cref="HistoryRow"/> with the
/// provider's whole convention set and initialises it (its private <c>EnsureModel</c>), at every <c>Migrate()</c>:
/// the largest piece of a standalone start that migrates an empty file (~0.2 s traced). The columns are the
/// <see cref="HistoryRow"/> property names EF's <c>ConfigureTable</c> keeps, and the script is the one EF generates;
/// <c>MigrationsHistorySpecification</c> compares both with EF Core's own, so an EF update that changes either fails
/// there, not in a user's database. Everything else (the lock table, the existence check, the inserts) is EF's.
/// </summary>
#pragma warning disable EF1001 // SqliteHistoryRepository is EF Core's internal API: the specification above pins what this relies on.
internal sealed class SqliteMigrationsHistory(HistoryRepositoryDependencies dependencies) : SqliteHistoryRepository(dependencies)
#pragma warning restore EF1001
{
    protected override string MigrationIdColumnName => nameof(HistoryRow.MigrationId);

    protected override string ProductVersionColumnName => nameof(HistoryRow.ProductVersion);

    public override string GetCreateScript()
    {
        var table = SqlGenerationHelper.DelimitIdentifier(TableName, TableSchema);
        var key = SqlGenerationHelper.DelimitIdentifier("PK_" + TableName);
        var newLine = Environment.NewLine;
        return $"CREATE TABLE {table} ({newLine}"
            + $"    {SqlGenerationHelper.DelimitIdentifier(MigrationIdColumnName)} TEXT NOT NULL CONSTRAINT {key} PRIMARY KEY,{newLine}"
            + $"    {SqlGenerationHelper.DelimitIdentifier(ProductVersionColumnName)} TEXT NOT NULL{newLine}"
            + $"){SqlGenerationHelper.StatementTerminator}{newLine}";
    }
}
