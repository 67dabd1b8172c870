using Images;

namespace Build.Tests.Images;

public class DockerInspectTests
{
    [Fact]
    public void Inspect_output_gives_the_id_size_user_environment_labels_and_entrypoint()
    {
        const string json = """
            [{"Id":"sha256:abc","RepoTags":["todo-backend:1.4.0"],"Size":43800000,
              "Config":{"User":"1654","Env":["PATH=/usr/bin","APP_UID=1654"],"Entrypoint":["/app/Todo.Api"],"Cmd":null,
                        "Labels":{"dev.todo-app.content-hash":"0123"}}}]
            """;

        var image = Docker.ParseInspect(json);

        Assert.Equal("sha256:abc", image.Id);
        Assert.Equal(43_800_000, image.SizeBytes);
        Assert.Equal("1654", image.User);
        Assert.Equal(["PATH=/usr/bin", "APP_UID=1654"], image.Environment);
        Assert.Equal("0123", image.Labels[ImageCatalog.ContentHashLabel]);
        Assert.Equal(["/app/Todo.Api"], image.Entrypoint);
        Assert.Empty(image.Command);
        Assert.Equal(["todo-backend:1.4.0"], image.RepoTags);
    }

    [Fact]
    public void An_image_without_labels_or_user_reads_as_empty_not_as_an_error()
    {
        var image = Docker.ParseInspect("""[{"Id":"sha256:abc","Size":1,"Config":{"Labels":null}}]""");

        Assert.Empty(image.Labels);
        Assert.Equal("", image.User);
    }
}
