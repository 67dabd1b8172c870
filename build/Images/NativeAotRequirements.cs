using Engine;
using Tools;

namespace Images;

/// <summary>What a NativeAOT publish needs before any target runs.</summary>
public static class NativeAotRequirements
{
    /// <summary>The native toolchain NativeAOT links with (<see cref="NativeAotToolchain"/>), for the platform the images
    /// are built for (<paramref name="target"/>, decided when the requirement is checked). Only on Linux: NativeAOT
    /// cannot compile for Linux elsewhere, so Publish falls back to the trimmed JIT publish there (see
    /// <see cref="AppPublish"/>).</summary>
    public static Requirement ToolchainPresent(Func<Task<ContainerPlatform>> target) => new("a NativeAOT toolchain", async _ =>
    {
        if (!OperatingSystem.IsLinux() || !ImageCatalog.All.Any(i => i.NativeAot))
            return null;
        var host = ContainerPlatform.OfThisMachine();
        if (host is null)
            return null;
        return NativeAotToolchain.Missing(await target(), host, name => ExecutableSearch.OnPath(name) is not null, Path.Exists);
    });
}
