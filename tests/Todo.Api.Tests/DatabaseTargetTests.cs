using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Npgsql;
using Todo.Api.Data;
using Todo.Api.Hosting;

namespace Todo.Api.Tests;

/// <summary>The chart passes the in-cluster database's URL in a ConfigMap and only its password from a Secret.</summary>
public sealed class DatabaseTargetTests
{
    [Fact]
    public void DATABASE_PASSWORD_supplies_the_password_a_secret_free_DATABASE_URL_leaves_out()
    {
        var target = Target(new() { ["DATABASE_URL"] = "postgres://todo@todo-postgresql:5432/todo?sslmode=disable", ["DATABASE_PASSWORD"] = "p@ss/w:rd+=" });

        var connection = new NpgsqlConnectionStringBuilder(target.ConnectionString);

        connection.Password.ShouldBe("p@ss/w:rd+=");
        (connection.Username, connection.Host, connection.Database, connection.SslMode).ShouldBe(("todo", "todo-postgresql", "todo", SslMode.Disable));
        target.Description.ShouldNotContain("p@ss");
    }

    [Fact]
    public void Without_DATABASE_PASSWORD_the_password_in_the_url_is_used()
    {
        var target = Target(new() { ["DATABASE_URL"] = "postgres://todo:in-url@db:5432/todo" });

        new NpgsqlConnectionStringBuilder(target.ConnectionString).Password.ShouldBe("in-url");
    }

    private static DatabaseTarget Target(Dictionary<string, string?> values) =>
        DatabaseTarget.From(TodoSettings.From(
            new ConfigurationBuilder().AddInMemoryCollection(values).Build(),
            new HostingEnvironment { EnvironmentName = "Production" }));
}
