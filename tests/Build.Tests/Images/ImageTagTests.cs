using Images;

namespace Build.Tests.Images;

public class ImageTagTests
{
    const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("1.4.0", "1.4.0")]
    [InlineData("1.4.0-alpha.3", "1.4.0-alpha.3")]
    [InlineData("1.4.0+build.7", "1.4.0-build.7")]
    [InlineData("0.0.0-local.abc1234", "0.0.0-local.abc1234")]
    public void The_version_tag_is_the_SemVer_with_what_Docker_refuses_replaced(string semVer, string tag) =>
        Assert.Equal(tag, ImageCatalog.VersionTag(semVer));

    [Theory]
    [InlineData("latest")]
    [InlineData("LATEST")]
    [InlineData("")]
    [InlineData("+")]
    public void Latest_or_nothing_is_never_a_version_tag(string semVer) =>
        Assert.ThrowsAny<ArgumentException>(() => ImageCatalog.VersionTag(semVer));

    [Fact]
    public void The_content_tag_is_the_version_plus_the_first_twelve_digits_of_the_content_hash() =>
        Assert.Equal("1.4.0-0123456789ab", ImageCatalog.ContentTag("1.4.0", Hash));

    [Fact]
    public void Changed_content_on_the_same_commit_gets_a_new_tag_so_it_rolls_out()
    {
        var before = ImageCatalog.ContentTag("1.4.0", Hash);
        var after = ImageCatalog.ContentTag("1.4.0", "f" + Hash[1..]);

        Assert.NotEqual(before, after);
        Assert.StartsWith(ImageCatalog.VersionTag("1.4.0"), after, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_version_is_shortened_so_the_tag_stays_within_128_characters_and_keeps_the_hash()
    {
        var tag = ImageCatalog.ContentTag("1.0.0-" + new string('a', 200), Hash);

        Assert.Equal(128, tag.Length);
        Assert.EndsWith("-0123456789ab", tag, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0123")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("not-a-hash-at-all")]
    public void A_content_hash_that_is_not_lowercase_hex_is_refused(string hash) =>
        Assert.Throws<ArgumentException>(() => ImageCatalog.ContentTag("1.4.0", hash));

    [Fact]
    public void The_catalog_names_both_images_with_their_ports_and_budgets()
    {
        Assert.Equal(["todo-backend", "todo-frontend"], ImageCatalog.All.Select(i => i.Name));
        Assert.Equal((8000, 60d), (ImageCatalog.Backend.Port, ImageCatalog.Backend.DefaultBudgetMegabytes));
        Assert.Equal((8080, 60d), (ImageCatalog.Frontend.Port, ImageCatalog.Frontend.DefaultBudgetMegabytes));
        Assert.Equal("artifacts/publish/todo-backend", ImageCatalog.Backend.PublishDirectory);
    }
}
