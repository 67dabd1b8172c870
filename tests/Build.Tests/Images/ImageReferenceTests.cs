using Images;

namespace Build.Tests.Images;

public class ImageReferenceTests
{
    [Theory]
    [InlineData("todo-backend:1.2.0-abc", "todo-backend", "1.2.0-abc", "")]
    [InlineData("registry.test:5000/team/todo-backend:1.2.0-abc", "registry.test:5000/team/todo-backend", "1.2.0-abc", "")]
    [InlineData("registry.test:5000/team/todo-backend", "registry.test:5000/team/todo-backend", "", "")]
    [InlineData("ghcr.io/me/todo-backend:1.2@sha256:0123", "ghcr.io/me/todo-backend", "1.2", "sha256:0123")]
    public void An_image_reference_splits_into_the_charts_repository_tag_and_digest(string reference, string repository, string tag, string digest)
    {
        var image = ImageReference.Parse(reference);

        Assert.Equal((repository, tag, digest), (image.Repository, image.Tag, image.Digest ?? ""));
        Assert.Equal(reference, image.ToString());
    }
}
