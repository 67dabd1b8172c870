namespace Images;

/// <summary>Whether apt can download Debian's packages for another architecture, from which the offline base for that
/// platform is assembled (<see cref="OfflineBaseImage"/>): dpkg must list the architecture as foreign
/// (<c>dpkg --add-architecture</c>) and apt's lists must hold its packages (<c>apt-get update</c> after that;
/// https://wiki.debian.org/Multiarch/HOWTO). Pure, so tests drive every case.</summary>
public static class AptForeignArchitecture
{
    /// <summary>Null when apt can download <paramref name="target"/>'s packages; otherwise what to run.</summary>
    /// <param name="foreignArchitectures">What <c>dpkg --print-foreign-architectures</c> lists.</param>
    /// <param name="listsHavePackages">Whether apt's lists hold a package of that architecture (libc6:arm64).</param>
    public static string? Missing(ContainerPlatform target, IReadOnlyCollection<string> foreignArchitectures, bool listsHavePackages)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(foreignArchitectures);
        var architecture = target.DebianArchitecture;
        string? remedy = !foreignArchitectures.Contains(architecture)
            ? $"dpkg does not know the {architecture} architecture. Run `dpkg --add-architecture {architecture} && apt-get update`"
            : !listsHavePackages
                ? $"apt's lists hold no {architecture} packages (dpkg knows the architecture, apt-get update has not run since). "
                    + "Run `apt-get update`"
                : null;
        return remedy is null
            ? null
            : $"The offline base for {target.Name} is assembled from Debian's {architecture} packages, and {remedy} (as root, or with "
                + $"sudo). Or use an official base pulled for that platform: `docker pull --platform {target.Name} {ImageCatalog.OfficialBase}` "
                + "and --base-image-source official.";
    }
}
