using Images;

namespace Build.Tests.Images;

public class BaseImageChoiceTests
{
    const string Official = ImageCatalog.OfficialBase;

    [Theory]
    [InlineData(BaseImageSource.Auto, true, BaseImageSource.Official)]
    [InlineData(BaseImageSource.Auto, false, BaseImageSource.Offline)]
    [InlineData(BaseImageSource.Offline, true, BaseImageSource.Offline)]
    [InlineData(BaseImageSource.Offline, false, BaseImageSource.Offline)]
    [InlineData(BaseImageSource.Official, true, BaseImageSource.Official)]
    public void Auto_prefers_the_official_base_when_present_and_a_forced_source_is_obeyed(BaseImageSource requested, bool officialPresent, BaseImageSource chosen)
    {
        var (source, error) = BaseImageChoice.Decide(requested, officialPresent, Official);

        Assert.Equal(chosen, source);
        Assert.Null(error);
    }

    [Fact]
    public void Demanding_the_official_base_where_it_is_absent_fails_saying_how_to_get_it_or_go_offline()
    {
        var (_, error) = BaseImageChoice.Decide(BaseImageSource.Official, officialPresent: false, Official);

        Assert.NotNull(error);
        Assert.Contains($"docker pull {Official}", error, StringComparison.Ordinal);
        Assert.Contains("--base-image-source offline", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BaseImageSource.Auto, false, false, false, true)]    // macOS, Windows: the official base is the only way
    [InlineData(BaseImageSource.Auto, false, false, true, false)]    // Debian/Ubuntu offline: no registry wait
    [InlineData(BaseImageSource.Auto, false, true, true, true)]      // --pull-base-image asks for it
    [InlineData(BaseImageSource.Auto, true, true, false, false)]     // present: nothing to pull
    [InlineData(BaseImageSource.Official, false, false, true, true)] // demanded
    [InlineData(BaseImageSource.Offline, false, true, false, false)] // refused
    public void The_official_base_is_pulled_when_absent_and_asked_for_or_the_only_way(
        BaseImageSource requested, bool present, bool pullRequested, bool offlineBuildable, bool pulls) =>
        Assert.Equal(pulls, BaseImageChoice.ShouldTryPull(requested, present, pullRequested, offlineBuildable));

    [Fact]
    public void Auto_without_the_official_base_where_the_offline_one_cannot_be_assembled_says_exactly_what_to_do()
    {
        var (_, error) = BaseImageChoice.Decide(BaseImageSource.Auto, officialPresent: false, Official, offlineBuildable: false);

        Assert.NotNull(error);
        Assert.Contains($"`docker pull {Official}", error, StringComparison.Ordinal);
        Assert.Contains("apt-get and dpkg-deb", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_with_the_official_base_present_needs_no_apt()
    {
        var (source, error) = BaseImageChoice.Decide(BaseImageSource.Auto, officialPresent: true, Official, offlineBuildable: false);

        Assert.Equal(BaseImageSource.Official, source);
        Assert.Null(error);
    }

    [Fact]
    public void Forcing_the_offline_base_where_it_cannot_be_assembled_points_to_the_official_one()
    {
        var (_, error) = BaseImageChoice.Decide(BaseImageSource.Offline, officialPresent: false, Official, offlineBuildable: false);

        Assert.NotNull(error);
        Assert.Contains($"docker pull {Official}", error, StringComparison.Ordinal);
    }
}
