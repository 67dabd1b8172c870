namespace Helm;

/// <summary>One way the chart is meant to be installed: its default values, or a chart-testing profile
/// <c>ci/&lt;name&gt;-values.yaml</c> on top of them.</summary>
public sealed record ChartProfile(string Name, ChartValues Values)
{
    public const string DefaultName = "default";

    /// <summary>The default values first, then every ci/*-values.yaml in name order.</summary>
    public static IReadOnlyList<ChartProfile> Discover(string chartDirectory)
    {
        var ciDirectory = Path.Combine(chartDirectory, "ci");
        var files = Directory.Exists(ciDirectory)
            ? Directory.GetFiles(ciDirectory, "*-values.yaml").Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        return
        [
            new ChartProfile(DefaultName, ChartValues.Defaults),
            .. files.Select(file => new ChartProfile(Path.GetFileName(file)[..^"-values.yaml".Length], ChartValues.FromFile(file))),
        ];
    }

    /// <summary>The file of profile <paramref name="name"/> (<c>ci/NAME-values.yaml</c>), whether or not it exists.</summary>
    public static string FileOf(string chartDirectory, string name) => Path.Combine(chartDirectory, "ci", $"{name}-values.yaml");

    /// <summary>Null when <c>--values-profile <paramref name="requested"/></c> names an existing profile (or none was
    /// named); otherwise what is wrong and which profiles there are.</summary>
    public static string? Problem(string chartDirectory, string? requested)
    {
        if (requested is null || File.Exists(FileOf(chartDirectory, requested)))
            return null;
        var known = string.Join(", ", Discover(chartDirectory).Skip(1).Select(p => p.Name));
        var missing = Path.Combine("charts", Path.GetFileName(chartDirectory), "ci", $"{requested}-values.yaml");
        return $"--values-profile {requested}: there is no {missing}. Profiles: {(known.Length > 0 ? known : "none")}.";
    }

    public override string ToString() => Name;
}
