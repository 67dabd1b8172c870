using Cluster;

namespace Build.Tests.Cluster;

public class ReleaseNamesTests
{
    [Theory]
    [InlineData("todo", null, "todo-backend", "todo-frontend")]
    [InlineData("shop", null, "shop-backend", "shop-frontend")]
    [InlineData("todo", "store", "store-backend", "store-frontend")]
    [InlineData("a-release-name-longer-than-32-characters-x", null, "a-release-name-longer-than-32-ch-backend", "a-release-name-longer-than-32-ch-frontend")]
    [InlineData("release-name-with-a-dash-at-32-c-x", null, "release-name-with-a-dash-at-32-c-backend", "release-name-with-a-dash-at-32-c-frontend")]
    [InlineData("release-name-with-a-dash-at-32--x", null, "release-name-with-a-dash-at-32--backend", "release-name-with-a-dash-at-32--frontend")]
    public void Service_names_come_from_the_name_prefix_else_the_release_as_the_charts_helper_makes_them(
        string release, string? namePrefix, string backend, string frontend)
    {
        var settings = namePrefix is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["namePrefix"] = namePrefix };

        var names = ReleaseNames.For(release, settings);

        Assert.Equal((backend, frontend), (names.BackendService, names.FrontendService));
    }

    [Fact]
    public void Each_release_has_its_own_build_secret_and_the_default_release_keeps_the_charts_default_name()
    {
        Assert.Equal(ReleaseSecret.DefaultName, ReleaseSecret.NameFor("todo"));
        Assert.NotEqual(ReleaseSecret.NameFor("todo"), ReleaseSecret.NameFor("shop"));
    }
}
