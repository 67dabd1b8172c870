using Helm;
using k8s.Models;

namespace Chart.Tests;

/// <summary>The packaged chart carries the build's version, and its images default to the same version.</summary>
public sealed class PackagingTests(ChartFixture chart) : IClassFixture<ChartFixture>, IDisposable
{
    private readonly string _destination = Path.Combine(Path.GetTempPath(), $"todo-chart-package-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_packaged_chart_is_stamped_with_the_version_and_deploys_images_of_that_version()
    {
        var package = await chart.Helm.PackageAsync(chart.ChartDirectory, _destination, "1.4.0-beta.7", "1.4.0-beta.7");

        Assert.Equal(Path.Combine(_destination, "todo-app-1.4.0-beta.7.tgz"), package);
        var render = await new ChartVerification(chart.Helm, package).RenderAsync(ChartValues.Defaults);
        var backend = render.Single<V1Deployment>("todo-backend");
        Assert.Equal("todo-backend:1.4.0-beta.7", backend.Container("backend").Image);
        Assert.Equal("1.4.0-beta.7", backend.Metadata.Labels["app.kubernetes.io/version"]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_destination))
        {
            Directory.Delete(_destination, recursive: true);
        }
    }
}
