using Cluster;
using Helm;
using k8s.Models;

namespace Chart.Tests;

/// <summary>Object names come from the release (or namePrefix when set), so two releases with different names share
/// a namespace without a clash, while the default release `todo` keeps the names everything else relies on.</summary>
public sealed class ReleaseNameTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Fact]
    public async Task Two_releases_in_one_namespace_render_no_object_of_the_same_kind_and_name()
    {
        var todo = await chart.Verification.RenderAsync("todo", ChartValues.Defaults);
        var shop = await chart.Verification.RenderAsync("shop", ChartValues.Defaults);

        var clashes = todo.Objects.Select(o => o.ToString()).Intersect(shop.Objects.Select(o => o.ToString()), StringComparer.Ordinal);

        Assert.Empty(clashes);
        Assert.Equal(todo.Objects.Count, shop.Objects.Count);
        Assert.All(shop.Objects, o => Assert.StartsWith("shop-", o.Name, StringComparison.Ordinal));
        Assert.Equal("http://shop-backend:8000", shop.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "shop-frontend").Data["BACKEND_URL"]);
    }

    [Fact]
    public async Task The_default_release_keeps_the_service_names_the_rehearsal_and_the_selftest_use()
    {
        var manifest = await chart.RenderDefaultsAsync();

        Assert.Equal(["todo-backend", "todo-frontend", "todo-postgresql"],
            manifest.OfType<V1Service>().Select(s => s.Metadata.Name).Order(StringComparer.Ordinal));
        var names = ReleaseNames.For(ChartVerification.ReleaseName, new Dictionary<string, string>());
        Assert.Equal(("todo-backend", "todo-frontend"), (names.BackendService, names.FrontendService));
    }

    [Theory]
    [InlineData("shop", null)]
    [InlineData("a-release-name-longer-than-32-characters-x", null)]
    [InlineData("release-name-with-a-dash-at-32--x", null)]
    [InlineData("todo", "store")]
    public async Task The_builds_release_names_are_the_ones_the_chart_renders(string release, string? namePrefix)
    {
        var values = namePrefix is null ? ChartValues.Defaults : ChartValues.Defaults.With("namePrefix", namePrefix);
        var settings = namePrefix is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["namePrefix"] = namePrefix };

        var manifest = await chart.Verification.RenderAsync(release, values);
        var names = ReleaseNames.For(release, settings);

        var services = manifest.OfType<V1Service>().Select(s => s.Metadata.Name).ToList();
        Assert.Contains(names.BackendService, services);
        Assert.Contains(names.FrontendService, services);
    }
}
