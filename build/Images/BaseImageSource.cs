namespace Images;

/// <summary>Where the images' base comes from: <c>auto</c> takes the official image when it is on this machine (or
/// can be pulled) and assembles the offline one otherwise; the other two force one source.</summary>
public enum BaseImageSource
{
    Auto,
    Official,
    Offline,
}

public static class BaseImageChoice
{
    /// <summary>
    /// Whether to try one bounded pull of the official base: when it is absent and may be used, and either the user
    /// asked (--pull-base-image) or there is no other way — the offline base needs apt-get and dpkg-deb, which macOS
    /// and Windows lack. A machine that can assemble the offline base is not made to wait on a registry it may not reach.
    /// </summary>
    public static bool ShouldTryPull(BaseImageSource requested, bool officialPresent, bool pullRequested, bool offlineBuildable) =>
        !officialPresent && requested != BaseImageSource.Offline
            && (pullRequested || !offlineBuildable || requested == BaseImageSource.Official);

    /// <summary>Decides the source; the offline base is the answer whenever the official one is absent, allowed to be
    /// replaced and the offline one can be assembled here. Otherwise returns an error saying exactly what to do.</summary>
    public static (BaseImageSource Source, string? Error) Decide(BaseImageSource requested, bool officialPresent, string officialReference,
        bool offlineBuildable = true) =>
        requested switch
        {
            BaseImageSource.Offline when offlineBuildable => (BaseImageSource.Offline, null),
            BaseImageSource.Offline => (BaseImageSource.Offline,
                "--base-image-source offline assembles the base from Debian packages with apt-get and dpkg-deb, which this machine lacks " +
                $"(they exist on Debian and Ubuntu). Use the official base instead: `docker pull {officialReference}`, then "
                    + $"--base-image-source auto."),
            BaseImageSource.Official when officialPresent => (BaseImageSource.Official, null),
            BaseImageSource.Official => (BaseImageSource.Official,
                $"The official base {officialReference} is not on this machine and could not be pulled. Pull it (`docker pull "
                    + $"{officialReference}`; " +
                "`docker login` first if your registry needs it), or let the build assemble one from Debian packages: --base-image-source "
                    + "offline (or auto)."),
            _ when officialPresent => (BaseImageSource.Official, null),
            _ when offlineBuildable => (BaseImageSource.Offline, null),
            _ => (BaseImageSource.Official,
                $"The official base {officialReference} is not on this machine and could not be pulled, and the offline base can only be " +
                "assembled where apt-get and dpkg-deb exist (Debian, Ubuntu). Pull it yourself (`docker pull " + officialReference +
                "`; `docker login` first if your registry needs it; check Docker Desktop's proxy settings behind a proxy), then build "
                    + "again."),
        };
}
