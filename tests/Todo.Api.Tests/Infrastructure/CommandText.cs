using System.Data.Common;

namespace Todo.Api.Tests.Infrastructure;

/// <summary>For interceptors that pick out one of the app's SQL commands.</summary>
public static class CommandText
{
    /// <summary>The command's SQL without identifier quotes: Npgsql quotes an identifier only where it must, so a table
    /// may or may not be quoted.</summary>
    public static string Unquoted(DbCommand command) => command.CommandText.Replace("\"", "", StringComparison.Ordinal);
}
