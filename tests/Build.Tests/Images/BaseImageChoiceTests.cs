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
}
