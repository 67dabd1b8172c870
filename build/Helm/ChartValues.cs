namespace Helm;

/// <summary>What a render is given on top of the chart's values.yaml: values files (in order) and --set pairs.</summary>
public sealed record ChartValues(IReadOnlyList<string> Files, IReadOnlyDictionary<string, string> Settings)
{
    public static ChartValues Defaults { get; } = new([], new Dictionary<string, string>());

    public static ChartValues FromFile(string valuesFile) => new([valuesFile], new Dictionary<string, string>());

    public ChartValues With(string key, string value) =>
        this with { Settings = new Dictionary<string, string>(Settings) { [key] = value } };

    public IReadOnlyList<string> Arguments =>
    [
        .. Files.SelectMany(file => new[] { "--values", file }),
        .. Settings.OrderBy(s => s.Key, StringComparer.Ordinal).SelectMany(s => new[] { "--set", $"{s.Key}={s.Value}" }),
    ];
}
