using Images;

namespace Build.Tests.Images;

/// <summary>What DockerBuild requires before Publish runs when the offline base is assembled for another architecture:
/// dpkg knows that architecture and apt's lists hold its packages (https://wiki.debian.org/Multiarch/HOWTO).</summary>
public sealed class AptForeignArchitectureTests
{
    [Fact]
    public void With_arm64_added_and_its_lists_fetched_nothing_is_missing()
    {
        Assert.Null(AptForeignArchitecture.Missing(ContainerPlatform.Arm64, ["arm64"], listsHavePackages: true));
    }

    [Fact]
    public void Without_arm64_added_the_remedy_adds_it_and_updates_the_lists()
    {
        var remedy = AptForeignArchitecture.Missing(ContainerPlatform.Arm64, [], listsHavePackages: false);

        Assert.NotNull(remedy);
        Assert.Contains("linux/arm64", remedy);
        Assert.Contains("dpkg does not know the arm64 architecture", remedy);
        Assert.Contains("`dpkg --add-architecture arm64 && apt-get update`", remedy);
    }

    [Fact]
    public void Another_foreign_architecture_does_not_count_for_arm64()
    {
        var remedy = AptForeignArchitecture.Missing(ContainerPlatform.Arm64, ["i386", "armhf"], listsHavePackages: false);

        Assert.NotNull(remedy);
        Assert.Contains("`dpkg --add-architecture arm64 && apt-get update`", remedy);
    }

    [Fact]
    public void With_arm64_added_but_no_update_since_the_remedy_is_apt_get_update_alone()
    {
        var remedy = AptForeignArchitecture.Missing(ContainerPlatform.Arm64, ["arm64"], listsHavePackages: false);

        Assert.NotNull(remedy);
        Assert.Contains("Run `apt-get update`", remedy);
        Assert.DoesNotContain("--add-architecture", remedy);
    }

    [Fact]
    public void Every_remedy_also_names_the_official_base_pulled_for_that_platform()
    {
        var remedy = AptForeignArchitecture.Missing(ContainerPlatform.Arm64, [], listsHavePackages: false);

        Assert.Contains($"`docker pull --platform linux/arm64 {ImageCatalog.OfficialBase}`", remedy);
        Assert.Contains("--base-image-source official", remedy);
    }

    [Fact]
    public void On_an_arm64_machine_building_for_amd64_the_amd64_packages_are_named()
    {
        var remedy = AptForeignArchitecture.Missing(ContainerPlatform.Amd64, [], listsHavePackages: false);

        Assert.Contains("`dpkg --add-architecture amd64 && apt-get update`", remedy);
        Assert.Contains("Debian's amd64 packages", remedy);
    }
}
