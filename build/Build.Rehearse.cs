using Engine;
using Helm;
using Local;
using Rehearsal;
using Smoke;

/// <summary>The rehearsal: the release as the chart renders it, run on this machine's Docker (docs/rehearsal.md). Up,
/// SmokeTest's local branch and Resilience all run on it, so the chart is the one description of how a container runs.</summary>
partial class Build
{
    /// <summary>The hand-off to every stage that runs the release locally: the rehearsal as the parameters describe it.</summary>
    RehearsalSession LocalRehearsal => new(
        new RehearsalSettings(Docker, ChartDirectory, ImagesManifestFile, ArtifactsDirectory / "rehearsal",
            TemporaryDirectory / "local-run.json", HelmRelease, Namespace, ValuesProfile, HelmSettings(), ReleaseSecrets,
            OpenaiBaseUrl, OpenaiModel, ExternalDatabase: !string.IsNullOrEmpty(DatabaseUrl)),
        Summary,
        CancellationToken);

    Target Rehearse => _ => _
        .Description("Renders the chart as HelmInstall would and runs the release's own pods on Docker "
            + "(init containers, probes, security context, limits), then its helm test pods, then the smoke suite through "
            + "the frontend; removes everything afterwards")
        .DependsOn(ImageSizeCheck)
        .Requires(DockerDaemon)
        .Requires(ChartRequirements.HelmResolvable)
        .Requires(LocalPostgres.ServerInstalled)
        .Executes(async () =>
        {
            var rehearsal = LocalRehearsal;
            var (state, plan) = await rehearsal.StartAsync(throwawayDatabase: false);
            try
            {
                var outputs = await rehearsal.RunTestsAsync(plan);
                await SmokeSuite.CheckAsync(RootDirectory, Configuration.ToString(), new Uri(state.FrontendUrl!),
                    state.BackendUrl is { } backend ? new Uri(backend) : null, Summary, CancellationToken);
                foreach (var line in outputs.SelectMany(o => o.Split('\n')))
                    Summary.Add($"  selftest: {line}");
            }
            finally
            {
                await rehearsal.TakeDownAsync();
            }
        });

    Target Up => _ => _
        .Description("Rehearses the release (as Rehearse) and leaves it running: prints the frontend's URL; "
            + "./build.sh Down removes it")
        .DependsOn(ImageSizeCheck)
        .Requires(DockerDaemon)
        .Requires(ChartRequirements.HelmResolvable)
        .Requires(LocalPostgres.ServerInstalled)
        .Executes(async () =>
        {
            var (state, _) = await LocalRehearsal.StartAsync(throwawayDatabase: false);
            Log.Success("Open {0} — `./build.sh Down` removes everything this started.", state.FrontendUrl);
        });

    Target Down => _ => _
        .Description("Removes everything Up started: containers, volumes, network, the PostgreSQL process and its data directory")
        .After(Up)
        .AssuredAfterFailure()
        .Executes(() => LocalRehearsal.TakeDownAsync());
}
