using System.Globalization;

namespace Engine;

/// <summary>Turns the text given for a parameter into its member's type, or says exactly what was wrong.</summary>
internal static class ParameterConversion
{
    public static object? Convert(ParameterMember parameter, IReadOnlyList<string> values, string source, AbsolutePath root)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        if (type == typeof(string[]))
            return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

        if (type == typeof(bool) && values.Count == 0)
        {
            return true; // a bare flag: --plan, --no-cache
        }

        if (values.Count != 1)
            throw Bad(parameter, string.Join(' ', values), source, values.Count == 0 ? "a value is missing" : "it takes exactly one value");

        var value = values[0];
        return type switch
        {
            _ when type == typeof(string) => value,
            _ when type == typeof(bool) => value.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" => false,
                _ => throw Bad(parameter, value, source, "expected true or false"),
            },
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
                ? i : throw Bad(parameter, value, source, "expected a whole number"),
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)
                ? l : throw Bad(parameter, value, source, "expected a whole number"),
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d : throw Bad(parameter, value, source, "expected a number such as 1.5"),
            _ when type == typeof(TimeSpan) => TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var t)
                ? t : throw Bad(parameter, value, source, "expected a duration such as 00:05:00"),
            _ when type == typeof(AbsolutePath) => new AbsolutePath(Path.GetFullPath(value, root)),
            _ when type.IsEnum => Enum.GetNames(type).FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } name
                ? Enum.Parse(type, name)
                : throw Bad(parameter, value, source, $"expected one of {string.Join(", ", Enum.GetNames(type))}"),
            _ => throw new InvalidOperationException($"Parameter {parameter.Name} has type {type.Name}, which the engine cannot "
                + "convert; use string, bool, int, long, double, TimeSpan, an enum, string[] or AbsolutePath."),
        };
    }

    /// <summary>How --help and the schema name the type.</summary>
    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(bool) => "bool",
            _ when type == typeof(int) || type == typeof(long) => "int",
            _ when type == typeof(double) => "number",
            _ when type == typeof(TimeSpan) => "duration",
            _ when type == typeof(string[]) => "string[]",
            _ when type == typeof(AbsolutePath) => "path",
            _ when type.IsEnum => string.Join('|', Enum.GetNames(type)),
            _ => type.Name,
        };
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        string[] items => string.Join(',', items),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static ParameterException Bad(ParameterMember parameter, string value, string source, string why) =>
        new($"Parameter {parameter.CommandLineName} ({parameter.EnvironmentName}) got "
            + $"'{(parameter.IsSecret ? Redactor.Mask : value)}' from {source}: {why}.");
}

/// <summary>A parameter could not be read; the message is meant for the user as is.</summary>
internal sealed class ParameterException(string message) : Exception(message);
