using System.Globalization;
using Cluster;
using Engine;
using Helm;
using Images;
using Local;

namespace Rehearsal;

/// <summary>What a rehearsal is made of, as the build's parameters give it: the chart, the release and its namespace,
/// the values (a --values-profile, --helm-set pairs, the model settings) and the secret inputs.</summary>
/// <param name="ImagesManifest">artifacts/images.json, written by DockerBuild: the images to run.</param>
/// <param name="WorkDirectory">Where the generated values file is written, for anyone to read what ran.</param>
/// <param name="StateFile">The local-run state file: everything started, so Down removes exactly that.</param>
public sealed record RehearsalSettings(
    Docker Docker,
    AbsolutePath ChartDirectory,
    AbsolutePath ImagesManifest,
    AbsolutePath WorkDirectory,
    AbsolutePath StateFile,
    string Release,
    string Namespace,
    string? ValuesProfile,
    IReadOnlyDictionary<string, string> HelmSettings,
    SecretInputs Secrets,
    string? ModelBaseUrl,
    string? ModelName,
    bool ExternalDatabase);

/// <summary>
/// The rehearsal as the stages use it (Rehearse, Up, Down, SmokeTest's local branch, Resilience): start the release on
/// this machine's Docker until every pod is Ready, run its helm test pods, take it down again.
/// </summary>
public sealed class RehearsalSession(RehearsalSettings settings, BuildSummary summary, CancellationToken cancellationToken)
{
    public AbsolutePath StateFile => settings.StateFile;

    /// <summary>
    /// Renders the chart with what HelmInstall would pass (the built images with pullPolicy Never, the build's Secret,
    /// the model settings), the rehearsal profile (Service ports equal to container ports), --values-profile and
    /// --helm-set; then runs the pods until every one is Ready. A run that fails half-way is taken down at once.
    /// </summary>
    /// <param name="throwawayDatabase">Always a throwaway PostgreSQL on this machine (Resilience restarts it).</param>
    /// <param name="extraSettings">Values set on top of --helm-set, e.g. Resilience's lifted rate limits.</param>
    public async Task<(LocalRunState State, RehearsalPlan Plan)> StartAsync(
        bool throwawayDatabase, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var request = new RehearsalRequest(settings.Docker, await HelmCli.ResolveAsync(cancellationToken), settings.ChartDirectory,
            settings.Release, settings.Namespace, await ValuesAsync(extraSettings), settings.Secrets, throwawayDatabase);
        using var progress = Log.Progress("rehearsing the release on Docker");
        try
        {
            var (state, pods, plan) = await Rehearsed(() => ReleaseRehearsal.UpAsync(request, StateFile, cancellationToken));
            var ready = pods.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Pod.Name} {p.ReadyAfter.TotalSeconds:F1} s"));
            summary.Add($"rehearsal: {pods.Count} pods Ready ({string.Join(", ", ready)}); "
                + $"frontend {state.FrontendUrl}  backend {state.BackendUrl}");
            return (state, plan);
        }
        catch
        {
            await TakeDownAsync();
            throw;
        }
    }

    /// <summary>Runs the release's helm test pods against the running rehearsal; answers their output lines.</summary>
    public async Task<IReadOnlyList<string>> RunTestsAsync(RehearsalPlan plan)
    {
        var outputs = await Rehearsed(() => ReleaseRehearsal.RunTestsAsync(settings.Docker, plan, StateFile, cancellationToken));
        summary.Add($"helm test pods: {plan.Tests.Count} passed ({string.Join(", ", plan.Tests.Select(t => t.Name))})");
        return outputs;
    }

    /// <summary>Down's work, also run by Rehearse, SmokeTest and Resilience when they are done (or failed). Once the
    /// build is cancelled (Ctrl+C) no command can run any more, so then it only says how to finish the job.</summary>
    public async Task TakeDownAsync()
    {
        try
        {
            await ReleaseRehearsal.DownAsync(settings.Docker, StateFile, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Warn("The build was cancelled before the local run was removed: run ./build.sh Down");
        }
    }

    private async Task<ChartValues> ValuesAsync(IReadOnlyDictionary<string, string>? extraSettings)
    {
        var built = Images.ImagesManifest.Read(settings.ImagesManifest);
        var images = ImageCatalog.All.ToDictionary(image => image.Component, image => built[image.Name].Image);
        var overrides = new ChartOverrides(images, "Never", ReleaseSecret.NameFor(settings.Release), settings.ModelBaseUrl,
            settings.ModelName, settings.ExternalDatabase);
        var valuesFile = settings.WorkDirectory / "values.generated.yaml";
        Directory.CreateDirectory(settings.WorkDirectory);
        await File.WriteAllTextAsync(valuesFile, overrides.ToYaml(), cancellationToken);

        var helmSettings = new Dictionary<string, string>(extraSettings ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in settings.HelmSettings)
            helmSettings[key] = value;

        var files = new List<string>();
        if (settings.ValuesProfile is { } profile)
            files.Add(ChartProfile.Problem(settings.ChartDirectory, profile) is { } problem
                ? throw new TargetFailedException(problem)
                : ChartProfile.FileOf(settings.ChartDirectory, profile));
        files.Add(settings.ChartDirectory / "ci" / $"{ReleaseRehearsal.RehearsalProfile}-values.yaml");
        files.Add(valuesFile);
        return new ChartValues(files, helmSettings);
    }

    /// <summary>A rehearsal failure is the build's own finding (a pod that would fail on a cluster), not a crash.</summary>
    private static async Task<T> Rehearsed<T>(Func<Task<T>> work)
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
