using System.Runtime.InteropServices;

namespace Images;

/// <summary>A platform the images can be built for, with every name the build needs for it: Docker's and the OCI
/// config's (<c>linux/arm64</c>, <c>arm64</c>), .NET's runtime identifier, Debian's architecture and multiarch
/// directory, and what <c>file</c> says about its ELF binaries.</summary>
public sealed record ContainerPlatform(string Architecture, string RuntimeIdentifier, string DebianArchitecture, string MultiarchTriplet,
    string ElfMachine)
{
    public static readonly ContainerPlatform Amd64 = new("amd64", "linux-x64", "amd64", "x86_64-linux-gnu", "x86-64");

    public static readonly ContainerPlatform Arm64 = new("arm64", "linux-arm64", "arm64", "aarch64-linux-gnu", "ARM aarch64");

    public static IReadOnlyList<ContainerPlatform> All { get; } = [Amd64, Arm64];

    /// <summary>As Docker and Kubernetes write it: <c>linux/amd64</c>.</summary>
    public string Name => $"linux/{Architecture}";

    /// <summary>The OCI variant: arm64 images say v8 (what `docker image inspect` of an official arm64 image shows).</summary>
    public string? Variant => this == Arm64 ? "v8" : null;

    public override string ToString() => Name;

    /// <summary>Reads <c>linux/amd64</c>, <c>amd64</c>, <c>x86_64</c>, <c>linux/arm64</c>, <c>linux/arm64/v8</c>,
    /// <c>arm64</c> or <c>aarch64</c> (what users type and what nodes and `uname -m` report).</summary>
    public static bool TryParse(string? text, out ContainerPlatform platform)
    {
        var value = (text ?? "").Trim().ToLowerInvariant();
        if (value.StartsWith("linux/", StringComparison.Ordinal))
            value = value["linux/".Length..];
        platform = value switch
        {
            "amd64" or "x86_64" or "x64" => Amd64,
            "arm64" or "arm64/v8" or "aarch64" => Arm64,
            _ => null!,
        };
        return platform is not null;
    }

    public static ContainerPlatform Parse(string text) =>
        TryParse(text, out var platform)
            ? platform
            : throw new FormatException($"'{text}' is not an image platform: use {string.Join(" or ", All.Select(p => p.Name))}");

    /// <summary>The platform of the machine the build runs on, or null where no image can be built for it.</summary>
    public static ContainerPlatform? OfThisMachine() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => Amd64,
        System.Runtime.InteropServices.Architecture.Arm64 => Arm64,
        _ => null,
    };
}
