using Tools;
using Versioning;
using Engine;

namespace Images;

/// <summary>Publish's work: each app self-contained for the image platform into its own directory (the modes chosen
/// in docs/images.md, <see cref="AppImage.PublishProperties"/>), skipped per app while up to date (the app's
/// inputs as the caller describes them, plus the platform and the publish properties).</summary>
public static class AppPublish
{
    public static async Task RunAsync(
        AbsolutePath root, ContainerPlatform target, BuildVersion version, Func<AppImage, Inputs> inputsOf,
            CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputsOf);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(version);
        foreach (var image in ImageCatalog.All)
        {
            var output = root / image.PublishDirectoryFor(target);
            string[] properties = [.. version.MsBuildProperties.Concat(image.PublishProperties).Select(p => $"-p:{p.Key}={p.Value}")];
            if (image.NativeAot && !OperatingSystem.IsLinux())
            {
                // NativeAOT compiles only for the OS it runs on (no cross-OS linking); the trimmed publish below it is
                // what the project produces without AOT: the same app, larger and slower to start (docs/images.md).
                Log.Warn("{0}: NativeAOT cannot compile for Linux on {1}; publishing it trimmed without AOT (slower start-up). "
                    + "Build the images on Linux (a Linux machine, WSL or a container) for the NativeAOT image.",
                    image.Name, RuntimeInformationDescription());
                properties = [.. properties, "-p:PublishAot=false"];
            }
            var inputs = inputsOf(image)
                .Value("runtime", () => target.RuntimeIdentifier)
                .Value("properties", () => string.Join(" ", properties));
            await Incremental.RunAsync($"Publish.{image.Name}.{target.RuntimeIdentifier}", inputs, () => [output], async () =>
            {
                // A stale file from an earlier publish would otherwise ship in the image.
                if (Directory.Exists(output))
                    Directory.Delete(output, recursive: true);
                using var _ = Log.Progress($"publishing {image.Name} for {target.Name}");
                await DotNet.RunAsync(DotNet.Spec([
                    "publish", root / image.Project, "--nologo", "-v", "quiet", "-clp:NoSummary",
                    "-c", "Release", "-r", target.RuntimeIdentifier, "--self-contained", "-o", output, .. properties,
                ]), cancellationToken);
                var bytes = new DirectoryInfo(output).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
                Log.Success("{0}: {1} in {2}", image.Name, ImageSizeBudget.FormatMegabytes(bytes), image.PublishDirectoryFor(target));
            });
        }
    }

    static string RuntimeInformationDescription() => System.Runtime.InteropServices.RuntimeInformation.OSDescription;
}
