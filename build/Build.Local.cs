using System.Globalization;
using Engine;
using Images;
using Local;

partial class Build
{
    AbsolutePath LocalRunStateFile => TemporaryDirectory / "local-run.json";

    Target Up => _ => _
        .Description("Starts the built images here with a throwaway PostgreSQL (ports on 127.0.0.1), waits until both are ready, prints the URL")
        .DependsOn(ImageSizeCheck)
        .Requires(Requirements.DockerDaemon)
        .Requires(LocalPostgres.ServerInstalled)
        .Executes(async () =>
        {
            var started = await StartLocalRunAsync(new LocalRunOptions());
            Log.Success("Open {0} — `./build.sh Down` removes everything this started.", started.State.FrontendUrl);
        });

    Target Down => _ => _
        .Description("Removes everything Up started: containers, network, the PostgreSQL process and its data directory")
        .After(Up)
        .AssuredAfterFailure()
        // Not the build's token: a Ctrl+C that stopped the run must not also stop the clean-up.
        .Executes(() => LocalRun.DownAsync(LocalRunStateFile, CancellationToken.None));

    /// <summary>Up's work, shared by SmokeTest and Resilience. A run that fails half-way is taken down at once.</summary>
    async Task<LocalRunStarted> StartLocalRunAsync(LocalRunOptions options)
    {
        if (LocalRunState.Load(LocalRunStateFile) is { } previous)
            throw new TargetFailedException(
                $"A local run ({previous.RunId}, frontend {previous.FrontendUrl ?? "not started"}) is still up. Take it down first: ./build.sh Down");
        var built = ImagesManifest.Read(ImagesManifestFile);
        var backend = built[ImageCatalog.Backend.Name];
        var frontend = built[ImageCatalog.Frontend.Name];
        var images = new LocalImages(backend.Reference, backend.Port, frontend.Reference, frontend.Port);
        LocalRunStarted started;
        try
        {
            started = await LocalRun.UpAsync(images, LocalRunStateFile, options, CancellationToken);
        }
        catch
        {
            await LocalRun.DownAsync(LocalRunStateFile, CancellationToken.None);
            throw;
        }

        Summary.Add($"local run: frontend {started.State.FrontendUrl}  backend {started.State.BackendUrl}");
        Summary.Add(string.Create(CultureInfo.InvariantCulture,
            $"docker run → ready: {images.Backend} {started.BackendReadyAfter.TotalSeconds:F1} s, {images.Frontend} {started.FrontendReadyAfter.TotalSeconds:F1} s"));
        return started;
    }
}
