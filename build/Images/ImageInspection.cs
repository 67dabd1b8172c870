using Engine;

namespace Images;

/// <summary>ImageSizeCheck's work: each built image saved and measured against its budget (uncompressed, gzip, largest
/// layers), scanned for secret-looking content and a root user, and every ELF binary checked for the image's platform.</summary>
public static class ImageInspection
{
    /// <param name="budgetMegabytes">The budget of an image, by its name.</param>
    /// <param name="summarize">Adds a line to the build's summary.</param>
    /// <returns>The manifest with each image's measured size.</returns>
    public static async Task<ImagesManifest> CheckAsync(
        Docker docker, ImagesManifest manifest, Func<string, double> budgetMegabytes, AbsolutePath workDirectory, Action<string> summarize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(budgetMegabytes);
        ArgumentNullException.ThrowIfNull(workDirectory);
        ArgumentNullException.ThrowIfNull(summarize);
        var rows = new List<(ImageSize Size, ImageSizeBudget Budget)>();
        var findings = new List<SecretFinding>();
        var foreignBinaries = new List<string>();
        foreach (var built in manifest.Images)
        {
            var budget = new ImageSizeBudget(built.Name, budgetMegabytes(built.Name));
            var inspected = await docker.InspectImageAsync(built.Reference, cancellationToken)
                ?? throw new TargetFailedException(
                    $"{built.Reference} (from artifacts/images.json) is not in the local image store: run ./build.sh DockerBuild");
            var archive = workDirectory / $"{built.Name}.tar";
            Directory.CreateDirectory(workDirectory);
            await docker.SaveAsync(built.Reference, archive, cancellationToken);
            var saved = SavedImage.Open(archive, built.Name, workDirectory / built.Name);
            try
            {
                var size = saved.Measure();
                rows.Add((size, budget));
                findings.AddRange(SecretScan.InConfig(inspected));
                findings.AddRange(SecretScan.InLayers(saved));
                // Built for another architecture, a wrong binary would only show on a node, as "exec format error".
                var platform = ContainerPlatform.Parse(built.Platform);
                if (inspected.Architecture != platform.Architecture)
                    foreignBinaries.Add(
                        $"{built.Reference}: the image config says {inspected.Architecture}, images.json {platform.Architecture}");
                var (elfFiles, foreign) = ElfArchitecture.Check(saved, platform);
                foreignBinaries.AddRange(foreign.Select(f => $"{built.Reference}: {f}"));
                Log.Info("{0}: {1} ELF files, {2} not {3}", built.Name, elfFiles, foreign.Count, platform.Architecture);
                manifest = manifest.With(built with
                {
                    Size = new ImageSizeRecord(size.UncompressedBytes, size.CompressedBytes, budget.Bytes, [.. size.LargestLayers(3)]),
                });
                summarize($"{built.Reference}: {ImageSizeBudget.FormatMegabytes(size.UncompressedBytes)} "
                    + $"({ImageSizeBudget.FormatMegabytes(size.CompressedBytes)} gzip), "
                    + $"budget {ImageSizeBudget.FormatMegabytes(budget.Bytes)}{(budget.IsMetBy(size) ? "" : " — OVER")}");
            }
            finally
            {
                saved.Delete();
                File.Delete(archive);
            }
        }

        Log.Info("image sizes:\n{0}", ImageSizeBudget.Table(rows));
        var problems = Problems(rows, findings, foreignBinaries);
        return problems.Count > 0 ? throw new TargetFailedException(string.Join("\n", problems)) : manifest;
    }

    static List<string> Problems(
        List<(ImageSize Size, ImageSizeBudget Budget)> rows, List<SecretFinding> findings, List<string> foreignBinaries)
    {
        var over = rows.Where(r => !r.Budget.IsMetBy(r.Size)).Select(r => r.Size.Image).ToList();
        var problems = new List<string>();
        if (over.Count > 0)
            problems.Add($"{string.Join(" and ", over)} over budget.\n{ImageSizeBudget.OverBudgetHint}");
        if (findings.Count > 0)
            problems.Add($"secret-looking content or a root user in the images:\n  {string.Join("\n  ", findings)}\n" +
                "Secrets belong in the deployment (Kubernetes Secrets, environment at run time), never in an image: remove them from " +
                "appsettings*.json / the Dockerfile and republish.");
        if (foreignBinaries.Count > 0)
            problems.Add($"binaries for another architecture in the images:\n  {string.Join("\n  ", foreignBinaries.Take(20))}\n" +
                "Publish and package for one platform: ./build.sh DockerBuild --image-platform <the platform>.");
        return problems;
    }
}
