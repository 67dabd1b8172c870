using System.Globalization;
using Helm;
using Cluster;
using Engine;
using Images;
using Local;
using Rehearsal;
using Tools;

/// <summary>The rehearsal: the release as the chart renders it, run on this machine's Docker (docs/rehearsal.md). Up,
/// SmokeTest's local branch and Resilience all run on it, so the chart is the one description of how a container runs.</summary>
partial class Build
{
    AbsolutePath LocalRunStateFile => TemporaryDirectory / "local-run.json";

    Target Rehearse => _ => _
        .Description("Renders the chart as HelmInstall would and runs the release's own pods on Docker "
            + "(init containers, probes, security context, limits), then its helm test pods, then the smoke suite through the frontend; removes everything afterwards")
        .DependsOn(ImageSizeCheck)
        .Requires(DockerDaemon)
        .Requires(ChartRequirements.HelmResolvable)
        .Requires(LocalPostgres.ServerInstalled)
        .Executes(async () =>
        {
            var (state, plan) = await StartRehearsalAsync(throwawayDatabase: false);
            try
            {
                var outputs = await Rehearsed(() => ReleaseRehearsal.RunTestsAsync(Docker, plan, LocalRunStateFile, CancellationToken));
                Summary.Add($"helm test pods: {plan.Tests.Count} passed ({string.Join(", ", plan.Tests.Select(t => t.Name))})");
                await RunSmokeSuiteAsync(new Uri(state.FrontendUrl!), state.BackendUrl is { } backend ? new Uri(backend) : null);
                foreach (var line in outputs.SelectMany(o => o.Split('\n')))
                    Summary.Add($"  selftest: {line}");
            }
            finally
            {
                await TakeDownLocalRunAsync();
            }
        });

    Target Up => _ => _
        .Description("Rehearses the release (as Rehearse) and leaves it running: prints the frontend's URL; ./build.sh Down removes it")
        .DependsOn(ImageSizeCheck)
        .Requires(DockerDaemon)
        .Requires(ChartRequirements.HelmResolvable)
        .Requires(LocalPostgres.ServerInstalled)
        .Executes(async () =>
        {
            var (state, _) = await StartRehearsalAsync(throwawayDatabase: false);
            Log.Success("Open {0} — `./build.sh Down` removes everything this started.", state.FrontendUrl);
        });

    Target Down => _ => _
        .Description("Removes everything Up started: containers, volumes, network, the PostgreSQL process and its data directory")
        .After(Up)
        .AssuredAfterFailure()
        .Executes(TakeDownLocalRunAsync);

    /// <summary>Down's work, also run by Rehearse, SmokeTest and Resilience when they are done (or failed). Once the
    /// build is cancelled (Ctrl+C) no command can run any more, so then it only says how to finish the job.</summary>
    async Task TakeDownLocalRunAsync()
    {
        try
        {
            await ReleaseRehearsal.DownAsync(Docker, LocalRunStateFile, CancellationToken.None);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            Log.Warn("The build was cancelled before the local run was removed: run ./build.sh Down");
        }
    }

    /// <summary>
    /// Renders the chart with what HelmInstall would pass (the built images with pullPolicy Never, the build's Secret,
    /// the model settings), the rehearsal profile (Service ports equal to container ports), --values-profile and
    /// --helm-set; then runs the pods until every one is Ready. A run that fails half-way is taken down at once.
    /// </summary>
    async Task<(LocalRunState State, RehearsalPlan Plan)> StartRehearsalAsync(
        bool throwawayDatabase, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var built = ImagesManifest.Read(ImagesManifestFile);
        var images = ImageCatalog.All.ToDictionary(image => image.Component, image => built[image.Name].Image);
        var overrides = new ChartOverrides(images, "Never", ReleaseSecret.NameFor(HelmRelease), OpenaiBaseUrl, OpenaiModel, ExternalDatabase: !string.IsNullOrEmpty(DatabaseUrl));
        var valuesFile = ArtifactsDirectory / "rehearsal" / "values.generated.yaml";
        Directory.CreateDirectory(Path.GetDirectoryName(valuesFile)!);
        await File.WriteAllTextAsync(valuesFile, overrides.ToYaml(), CancellationToken);

        var settings = new Dictionary<string, string>(extraSettings ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in HelmSettings())
            settings[key] = value;

        var files = new List<string>();
        if (ValuesProfile is not null)
            files.Add(ChartProfile.Problem(ChartDirectory, ValuesProfile) is { } problem
                ? throw new TargetFailedException(problem)
                : ChartProfile.FileOf(ChartDirectory, ValuesProfile));
        files.Add(ChartDirectory / "ci" / $"{ReleaseRehearsal.RehearsalProfile}-values.yaml");
        files.Add(valuesFile);

        var request = new RehearsalRequest(Docker, await HelmCli.ResolveAsync(CancellationToken), ChartDirectory, HelmRelease, Namespace,
            new ChartValues(files, settings), ReleaseSecrets, throwawayDatabase);
        using var progress = Log.Progress("rehearsing the release on Docker");
        try
        {
            var (state, pods, plan) = await Rehearsed(() => ReleaseRehearsal.UpAsync(request, LocalRunStateFile, CancellationToken));
            var ready = pods.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Pod.Name} {p.ReadyAfter.TotalSeconds:F1} s"));
            Summary.Add($"rehearsal: {pods.Count} pods Ready ({string.Join(", ", ready)}); "
                + $"frontend {state.FrontendUrl}  backend {state.BackendUrl}");
            return (state, plan);
        }
        catch
        {
            await TakeDownLocalRunAsync();
            throw;
        }
    }

    /// <summary>A rehearsal failure is the build's own finding (a pod that would fail on a cluster), not a crash.</summary>
    static async Task<T> Rehearsed<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (RehearsalException e)
        {
            throw new TargetFailedException(e.Message);
        }
    }
}
