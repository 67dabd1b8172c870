namespace Images;

/// <summary>What a NativeAOT publish (the frontend, see docs/images.md) needs on a Linux machine besides the SDK: the
/// ILCompiler emits an object file and links it with <c>clang</c> driving the system's GNU linker (LinkerFlavor bfd), then
/// strips the symbols with <c>llvm-objcopy</c> or <c>objcopy</c>. For the other architecture (amd64 ↔ arm64) clang needs
/// that architecture's linker, C runtime objects and libgcc, and binutils' native objcopy cannot read its ELF files
/// (https://learn.microsoft.com/dotnet/core/deploying/native-aot/cross-compile). Pure, so tests drive every case.</summary>
public static class NativeAotToolchain
{
    /// <summary>Null when everything is there; otherwise what is missing and the apt-get line that installs it.</summary>
    /// <param name="onPath">Whether an executable of that name is on PATH.</param>
    /// <param name="exists">Whether that absolute file or folder exists.</param>
    public static string? Missing(ContainerPlatform target, ContainerPlatform host, Func<string, bool> onPath, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(onPath);
        ArgumentNullException.ThrowIfNull(exists);
        var missing = new List<(string What, string Package)>();
        // Debian's clang depends on binutils (the linker) and libc6-dev (the C runtime objects) of this machine.
        if (!onPath("clang"))
            missing.Add(("clang (compiles and drives the linker)", "clang"));
        if (target != host)
        {
            var triplet = target.MultiarchTriplet;
            var packageTriplet = triplet.Replace('_', '-');
            if (!onPath($"{triplet}-ld"))
                missing.Add(($"{triplet}-ld (the {target.Architecture} linker)", $"binutils-{packageTriplet}"));
            if (!exists($"/usr/{triplet}/lib/Scrt1.o"))
                missing.Add(($"/usr/{triplet}/lib/Scrt1.o (the {target.Architecture} C runtime)",
                    $"libc6-dev-{target.DebianArchitecture}-cross"));
            if (!exists($"/usr/lib/gcc-cross/{triplet}"))
                missing.Add(($"/usr/lib/gcc-cross/{triplet} (the {target.Architecture} libgcc clang looks for)", $"gcc-{packageTriplet}"));
            if (!onPath("llvm-objcopy"))
                missing.Add(("llvm-objcopy (strips the other architecture's symbols)", "llvm"));
        }
        else if (!onPath("llvm-objcopy") && !onPath("objcopy"))
        {
            missing.Add(("llvm-objcopy or objcopy (strips the symbols)", "binutils"));
        }

        if (missing.Count == 0)
            return null;
        return $"The frontend is published with NativeAOT for {target.Name}, which needs a native toolchain on this machine; missing: "
            + string.Join("; ", missing.Select(m => m.What))
            + ". On Debian/Ubuntu: `apt-get install -y --no-install-recommends "
            + string.Join(" ", missing.Select(m => m.Package).Distinct()) + "`"
            + " (as root, or with sudo).";
    }
}
