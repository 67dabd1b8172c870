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
        .Executes(TakeDownLocalRunAsync);

    /// <summary>
    /// Down's work, also run by SmokeTest and Resilience when they are done (or failed). Once the build is cancelled
    /// (Ctrl+C) no command can run any more, so then it only says how to finish the job.
    /// </summary>
    async Task TakeDownLocalRunAsync()
    {
        try
        {
            await LocalRun.DownAsync(LocalRunStateFile, CancellationToken.None);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            Log.Warn("The build was cancelled before the local run was removed: run ./build.sh Down");
        }
    }

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
            await TakeDownLocalRunAsync();
            throw;
        }

        Summary.Add($"local run: frontend {started.State.FrontendUrl}  backend {started.State.BackendUrl}");
        Summary.Add(string.Create(CultureInfo.InvariantCulture,
            $"docker run → ready: {images.Backend} {started.BackendReadyAfter.TotalSeconds:F1} s, {images.Frontend} {started.FrontendReadyAfter.TotalSeconds:F1} s"));
        return started;
    }
}
