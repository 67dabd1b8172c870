using Images;

namespace Build.Tests.Images;

/// <summary>What Publish requires before the NativeAOT frontend is compiled: clang for this machine's architecture, and
/// the other architecture's linker, C runtime, libgcc and an objcopy that reads its ELF files when cross-compiling.</summary>
public sealed class NativeAotToolchainTests
{
    // A Debian amd64 machine with clang, and with the arm64 cross packages, as the remedies install them.
    static readonly string[] NativeTools = ["clang", "objcopy", "ld"];
    static readonly string[] CrossTools = [.. NativeTools, "aarch64-linux-gnu-ld", "llvm-objcopy"];
    static readonly string[] CrossFiles = ["/usr/aarch64-linux-gnu/lib/Scrt1.o", "/usr/lib/gcc-cross/aarch64-linux-gnu"];

    static string? Missing(ContainerPlatform target, string[] tools, string[] files) =>
        NativeAotToolchain.Missing(target, ContainerPlatform.Amd64, tools.Contains, files.Contains);

    [Fact]
    public void For_this_machines_architecture_clang_is_enough()
    {
        Assert.Null(Missing(ContainerPlatform.Amd64, NativeTools, []));
    }

    [Fact]
    public void Without_clang_the_remedy_names_the_package()
    {
        var remedy = Missing(ContainerPlatform.Amd64, ["objcopy"], []);

        Assert.NotNull(remedy);
        Assert.Contains("clang", remedy);
        Assert.Contains("apt-get install -y --no-install-recommends clang`", remedy);
    }

    [Fact]
    public void For_arm64_on_an_amd64_machine_every_cross_piece_is_named_with_its_package()
    {
        var remedy = Missing(ContainerPlatform.Arm64, NativeTools, []);

        Assert.NotNull(remedy);
        Assert.Contains("linux/arm64", remedy);
        Assert.Contains("apt-get install -y --no-install-recommends binutils-aarch64-linux-gnu libc6-dev-arm64-cross gcc-aarch64-linux-gnu llvm`", remedy);
    }

    [Fact]
    public void For_arm64_with_the_cross_packages_nothing_is_missing()
    {
        Assert.Null(Missing(ContainerPlatform.Arm64, CrossTools, CrossFiles));
    }

    [Fact]
    public void For_amd64_on_an_arm64_machine_the_amd64_cross_packages_are_named()
    {
        var remedy = NativeAotToolchain.Missing(ContainerPlatform.Amd64, ContainerPlatform.Arm64, NativeTools.Contains, _ => false);

        Assert.NotNull(remedy);
        Assert.Contains("binutils-x86-64-linux-gnu libc6-dev-amd64-cross gcc-x86-64-linux-gnu", remedy);
        Assert.Contains("x86_64-linux-gnu-ld", remedy);
    }
}
