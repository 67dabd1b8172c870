using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Todo.Api.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without starting the app.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTodoDbContext>
{
    public PostgresTodoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTodoDbContext>().UseNpgsql("Host=localhost;Database=todo").Options);
}

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTodoDbContext>
{
    public SqliteTodoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTodoDbContext>().UseSqlite("Data Source=design.db").Options);
}
