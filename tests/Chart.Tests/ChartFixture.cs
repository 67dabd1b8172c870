using System.Collections.Concurrent;
using Helm;

namespace Chart.Tests;

/// <summary>The chart in the repository, rendered by real helm; each distinct set of values is rendered once.</summary>
public sealed class ChartFixture
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RenderedManifest>>> _renders = new();

    public ChartFixture()
    {
        Helm = new HelmCli(HelmLocation.Resolve());
        ChartDirectory = Path.Combine(HelmLocation.RepositoryRoot(), "charts", "todo-app");
        Verification = new ChartVerification(Helm, ChartDirectory);
    }

    public HelmCli Helm { get; }

    public string ChartDirectory { get; }

    public ChartVerification Verification { get; }

    public Task<RenderedManifest> RenderAsync(ChartValues values) =>
        _renders.GetOrAdd(string.Join(' ', values.Arguments), _ => new Lazy<Task<RenderedManifest>>(() => Verification.RenderAsync(values))).Value;

    public Task<RenderedManifest> RenderDefaultsAsync() => RenderAsync(ChartValues.Defaults);

    public Task<RenderedManifest> RenderProfileAsync(string profile) =>
        RenderAsync(ChartValues.FromFile(Path.Combine(ChartDirectory, "ci", $"{profile}-values.yaml")));
}
