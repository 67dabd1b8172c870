using Local;

namespace Build.Tests.Smoke;

public class ImageManifestTests
{
    [Fact]
    public void Both_references_are_read_by_image_name()
    {
        var manifest = ImageManifest.Parse("""
            {"images":[
              {"name":"todo-frontend","reference":"todo-frontend:1.0.0-abcdefabcdef"},
              {"name":"todo-backend","reference":"todo-backend:1.0.0-0123456789ab"}]}
            """, "images.json");

        Assert.Equal(new ImageManifest("todo-backend:1.0.0-0123456789ab", "todo-frontend:1.0.0-abcdefabcdef"), manifest);
    }

    [Fact]
    public void A_missing_image_is_named() =>
        Assert.Contains("todo-frontend", Assert.Throws<InvalidDataException>(() =>
            ImageManifest.Parse("""{"images":[{"name":"todo-backend","reference":"todo-backend:1"}]}""", "images.json")).Message, StringComparison.Ordinal);

    [Fact]
    public void A_missing_file_says_which_stage_makes_it() =>
        Assert.Contains("DockerBuild", Assert.Throws<FileNotFoundException>(() => ImageManifest.Load("/nonexistent/images.json")).Message, StringComparison.Ordinal);
}
