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

    public override string ToString() => Name;
}
