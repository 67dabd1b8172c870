namespace Images;

/// <summary>Where the images' base comes from: <c>auto</c> takes the official image when it is on this machine and
/// assembles the offline one otherwise; the other two force one source.</summary>
public enum BaseImageSource
{
    Auto,
    Official,
    Offline,
}

public static class BaseImageChoice
{
    /// <summary>Decides the source; the offline base is the answer whenever the official one is absent and allowed to
    /// be replaced. Returns an error (what to do) when the official base is demanded but absent.</summary>
    public static (BaseImageSource Source, string? Error) Decide(BaseImageSource requested, bool officialPresent, string officialReference) =>
        requested switch
        {
            BaseImageSource.Offline => (BaseImageSource.Offline, null),
            BaseImageSource.Official when officialPresent => (BaseImageSource.Official, null),
            BaseImageSource.Official => (BaseImageSource.Official,
                $"The official base {officialReference} is not on this machine. Pull it (`docker pull {officialReference}`, or pass " +
                "--pull-base-image), or let the build assemble one from Debian packages: --base-image-source offline (or auto)."),
            _ => (officialPresent ? BaseImageSource.Official : BaseImageSource.Offline, null),
        };
}
