using Npgsql;

namespace Todo.Api.Hosting;

/// <summary>
/// Turns a <c>postgres://user:password@host:port/database?sslmode=require</c> URL — the form Neon, Heroku and most
/// hosted PostgreSQL services hand out — into an Npgsql connection string. Also compiled into the shared test library.
/// </summary>
public static class PostgresUrl
{
    public static bool IsUrl(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    public static string ToConnectionString(string url)
    {
        if (!IsUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("DATABASE_URL must look like postgres://user:password@host:5432/database.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : "postgres",
            Username = Uri.UnescapeDataString(userInfo[0]),
        };
        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "";
            // libpq spells parameters in snake_case; Npgsql accepts most of them with spaces instead.
            var npgsqlKey = key switch
            {
                "sslmode" => "SSL Mode",
                "channel_binding" => "Channel Binding",
                "connect_timeout" => "Timeout",
                "application_name" => "Application Name",
                "options" => "Options",
                "target_session_attrs" => "Target Session Attributes",
                _ => key.Replace('_', ' '),
            };
            try
            {
                builder[npgsqlKey] = value;
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"DATABASE_URL has a parameter Npgsql does not understand: '{key}'.", e);
            }
        }

        return builder.ConnectionString;
    }
}
