using Images;

namespace Build.Tests.Images;

/// <summary>Which platform the images are built for: asked for, else the nodes' (when deploying), else this machine's;
/// and when HelmInstall refuses to load them.</summary>
public sealed class ImagePlatformChoiceTests
{
    static readonly NodeArchitecture[] Arm64Nodes = [new("kind-control-plane", "arm64"), new("kind-worker", "arm64")];

    [Fact]
    public void An_explicit_platform_wins_over_the_nodes_and_the_machine()
    {
        var decision = ImagePlatformChoice.Decide(ContainerPlatform.Amd64, Arm64Nodes, ContainerPlatform.Arm64);

        Assert.Equal(ContainerPlatform.Amd64, decision.Platform);
        Assert.Null(decision.Error);
    }

    [Fact]
    public void When_deploying_the_nodes_architecture_wins_over_the_machine()
    {
        // An Apple Silicon Mac building on an amd64 CI runner for the arm64 nodes of its kind cluster, and the reverse.
        Assert.Equal(ContainerPlatform.Arm64, ImagePlatformChoice.Decide(null, Arm64Nodes, ContainerPlatform.Amd64).Platform);
        Assert.Equal(ContainerPlatform.Amd64, ImagePlatformChoice.Decide(null, [new("minikube", "amd64")], ContainerPlatform.Arm64).Platform);
    }

    [Fact]
    public void Without_nodes_the_machine_decides()
    {
        Assert.Equal(ContainerPlatform.Arm64, ImagePlatformChoice.Decide(null, null, ContainerPlatform.Arm64).Platform);
        Assert.Equal(ContainerPlatform.Amd64, ImagePlatformChoice.Decide(null, [], ContainerPlatform.Amd64).Platform);
    }

    [Fact]
    public void Nodes_of_mixed_architectures_need_an_explicit_platform_and_the_error_names_them()
    {
        var decision = ImagePlatformChoice.Decide(null, [new("a", "amd64"), new("b", "arm64")], ContainerPlatform.Amd64);

        Assert.Null(decision.Platform);
        Assert.Contains("a: amd64, b: arm64", decision.Error, StringComparison.Ordinal);
        Assert.Contains("--image-platform", decision.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_of_an_architecture_no_image_is_built_for_are_an_error_not_a_guess()
    {
        var decision = ImagePlatformChoice.Decide(null, [new("z1", "s390x")], ContainerPlatform.Amd64);

        Assert.Null(decision.Platform);
        Assert.Contains("s390x", decision.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_of_another_architecture_must_say_which_platform_to_build()
    {
        var decision = ImagePlatformChoice.Decide(null, null, null);

        Assert.Null(decision.Platform);
        Assert.Contains("--image-platform", decision.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelmInstall_refuses_amd64_images_for_arm64_nodes_and_says_what_to_build()
    {
        var refusal = ImagePlatformChoice.RefusalToDeploy(ContainerPlatform.Amd64, Arm64Nodes);

        Assert.NotNull(refusal);
        Assert.Contains("kind-control-plane: arm64", refusal, StringComparison.Ordinal);
        Assert.Contains("--image-platform linux/arm64", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void HelmInstall_loads_images_every_node_can_run()
    {
        Assert.Null(ImagePlatformChoice.RefusalToDeploy(ContainerPlatform.Arm64, Arm64Nodes));
        Assert.Null(ImagePlatformChoice.RefusalToDeploy(ContainerPlatform.Amd64, [new("n", "amd64")]));
    }

    [Theory]
    [InlineData("linux/amd64", "amd64", "linux-x64")]
    [InlineData("x86_64", "amd64", "linux-x64")]
    [InlineData("linux/arm64/v8", "arm64", "linux-arm64")]
    [InlineData("aarch64", "arm64", "linux-arm64")]
    [InlineData(" ARM64 ", "arm64", "linux-arm64")]
    public void Platforms_are_read_as_users_docker_and_nodes_write_them(string text, string architecture, string runtimeIdentifier)
    {
        var platform = ContainerPlatform.Parse(text);

        Assert.Equal(architecture, platform.Architecture);
        Assert.Equal(runtimeIdentifier, platform.RuntimeIdentifier);
    }

    [Theory]
    [InlineData("linux/386")]
    [InlineData("windows/amd64")]
    [InlineData("")]
    public void Other_platforms_are_rejected_with_the_ones_that_exist(string text)
    {
        var error = Assert.Throws<FormatException>(() => ContainerPlatform.Parse(text));

        Assert.Contains("linux/amd64 or linux/arm64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arm64_tags_carry_the_architecture_and_amd64_tags_stay_as_they_were()
    {
        const string hash = "0123456789abcdef0123456789abcdef";

        Assert.Equal("1.4.0", ImageCatalog.VersionTag("1.4.0", ContainerPlatform.Amd64));
        Assert.Equal("1.4.0-arm64", ImageCatalog.VersionTag("1.4.0", ContainerPlatform.Arm64));
        Assert.Equal("1.4.0-0123456789ab-arm64", ImageCatalog.ContentTag("1.4.0", hash, ContainerPlatform.Arm64));
        Assert.Equal(128, ImageCatalog.ContentTag("1.0.0-" + new string('a', 200), hash, ContainerPlatform.Arm64).Length);
        Assert.Equal("artifacts/publish/todo-backend-arm64", ImageCatalog.Backend.PublishDirectoryFor(ContainerPlatform.Arm64));
        Assert.Equal("artifacts/publish/todo-backend", ImageCatalog.Backend.PublishDirectoryFor(ContainerPlatform.Amd64));
    }

    [Fact]
    public void Architecture_independent_packages_are_found_in_apt_cache_show_output()
    {
        // Shape of `apt-cache show ca-certificates=… libc6=…` (Debian policy 5.1: fields, stanzas separated by a blank line).
        const string show = "Package: ca-certificates\nVersion: 20250419~deb12u2\nArchitecture: all\nDescription: Common CA certificates\n This package includes PEM files\n\n" +
                            "Package: libc6\nVersion: 2.36-9+deb12u14\nArchitecture: amd64\nMulti-Arch: same\n";

        Assert.Equal(["ca-certificates"], AptStanzas.ArchitectureIndependent(show));
    }
}
