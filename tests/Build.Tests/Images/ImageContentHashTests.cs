using Images;

namespace Build.Tests.Images;

public sealed class ImageContentHashTests : IDisposable
{
    readonly string _publish = Directory.CreateTempSubdirectory("content-hash-").FullName;
    readonly string _dockerfile;
    readonly Dictionary<string, string> _inputs = new() { ["VERSION"] = "1.4.0", ["BASE_IMAGE_ID"] = "sha256:aa" };

    public ImageContentHashTests()
    {
        File.WriteAllText(Path.Combine(_publish, "Todo.Api.dll"), "assembly");
        Directory.CreateDirectory(Path.Combine(_publish, "wwwroot"));
        File.WriteAllText(Path.Combine(_publish, "wwwroot", "index.html"), "<html/>");
        _dockerfile = Path.Combine(_publish, "..", Path.GetFileName(_publish) + ".Dockerfile");
        File.WriteAllText(_dockerfile, "FROM base");
    }

    string Hash() => ImageContentHash.Compute(_publish, [_dockerfile], _inputs);

    [Fact]
    public void The_same_content_hashes_the_same_so_DockerBuild_has_nothing_to_do() =>
        Assert.Equal(Hash(), Hash());

    [Fact]
    public void One_changed_byte_in_a_published_file_changes_the_hash()
    {
        var before = Hash();
        File.WriteAllText(Path.Combine(_publish, "wwwroot", "index.html"), "<html/>!");

        Assert.NotEqual(before, Hash());
    }

    [Fact]
    public void A_renamed_file_changes_the_hash()
    {
        var before = Hash();
        File.Move(Path.Combine(_publish, "wwwroot", "index.html"), Path.Combine(_publish, "wwwroot", "main.html"));

        Assert.NotEqual(before, Hash());
    }

    [Fact]
    public void An_executable_bit_changes_the_hash()
    {
        if (OperatingSystem.IsWindows())
            return;
        var before = Hash();
        File.SetUnixFileMode(Path.Combine(_publish, "Todo.Api.dll"), File.GetUnixFileMode(Path.Combine(_publish, "Todo.Api.dll")) | UnixFileMode.UserExecute);

        Assert.NotEqual(before, Hash());
    }

    [Fact]
    public void A_changed_Dockerfile_base_image_or_build_argument_changes_the_hash()
    {
        var before = Hash();
        File.WriteAllText(_dockerfile, "FROM base\nUSER 1654");
        var afterDockerfile = Hash();
        _inputs["BASE_IMAGE_ID"] = "sha256:bb";
        var afterBase = Hash();

        Assert.Equal(3, new[] { before, afterDockerfile, afterBase }.Distinct().Count());
    }

    public void Dispose()
    {
        Directory.Delete(_publish, recursive: true);
        File.Delete(_dockerfile);
    }
}
