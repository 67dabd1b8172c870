using Cluster;
using Engine;
using Helm;
using Local;
using Smoke;

partial class Build
{
    [Parameter("Frontend URL of a running deployment for SmokeTest; unset, SmokeTest rehearses the release locally (Up → suite → Down)")]
    readonly string? SmokeBaseUrl;

    [Parameter("Backend URL of that deployment, for the backend's own health checks (skipped when unset)")]
    readonly string? SmokeBackendUrl;

    [Parameter("SmokeTest on minikube: test through the frontend's NodePort instead of a port-forward (with the docker or podman "
        + "driver on macOS, Windows or WSL: through the tunnel that minikube service --url keeps open)")]
    readonly bool SmokeViaNodePort;

    Target SmokeTest => _ => _
        .Description("Runs the smoke suite (tests/Todo.Smoke.Tests) against --smoke-base-url, else the running local run (Up), "
            + "else Up → suite → Down")
        .DependsOn(ImageSizeCheck)
        .Requires(LocalRunPossible)
        .Executes(async () =>
        {
            // A deployment to a cluster is tested through a port-forward (build/Cluster/ClusterSmoke.cs).
            if (SmokeGoesToCluster)
            {
                var (route, problem) = await ClusterSmoke.RouteAsync(Kube, SmokeBaseUrl, IsScheduled(HelmInstall),
                    !string.IsNullOrWhiteSpace(KubeContext), SmokeViaNodePort, CancellationToken);
                if (problem is not null)
                    Log.Warn(problem);
                await ClusterSmoke.RunAsync(Release, await HelmCli.ResolveAsync(CancellationToken), route, RunSmokeSuiteAsync, Summary.Add,
                    CancellationToken);
                return;
            }

            switch (SmokeTargetChoice.Decide(SmokeBaseUrl, SmokeBackendUrl))
            {
                case SmokeTarget.GivenUrl given:
                    await RunSmokeSuiteAsync(given.Frontend, given.Backend);
                    break;
                case SmokeTarget.LocalRun
                    when LocalRunState.Load(LocalRehearsal.StateFile) is { FrontendUrl: { } frontend, BackendUrl: var backend }:
                    // A local run someone started with Up: test it and leave it running, it is theirs.
                    await RunSmokeSuiteAsync(new Uri(frontend), backend is null ? null : new Uri(backend));
                    break;
                case SmokeTarget.LocalRun:
                    // The release as the chart renders it, on this machine's Docker (build/Rehearsal).
                    var rehearsal = LocalRehearsal;
                    var (state, _) = await rehearsal.StartAsync(throwawayDatabase: false);
                    try
                    {
                        await RunSmokeSuiteAsync(new Uri(state.FrontendUrl!), state.BackendUrl is { } backend ? new Uri(backend) : null);
                    }
                    finally
                    {
                        await rehearsal.TakeDownAsync();
                    }
                    break;
            }
        });

    /// <summary>Whether SmokeTest goes to the cluster: Deploy or HelmInstall is scheduled, or a kube context was named,
    /// and no --smoke-base-url overrides it. Known before any target runs, so SmokeTest's requirements can skip the
    /// local run's (Docker, PostgreSQL) when the cluster is the target.</summary>
    bool SmokeGoesToCluster =>
        SmokeRoute.Decide(SmokeBaseUrl, IsScheduled(HelmInstall), !string.IsNullOrWhiteSpace(KubeContext), false, null).Route
            != SmokeRouteKind.NotCluster;

    /// <summary>Docker and PostgreSQL are needed only when SmokeTest has to start the deployment itself.</summary>
    Requirement LocalRunPossible => new("Docker and PostgreSQL for a local run", async cancellationToken =>
        SmokeGoesToCluster || SmokeTargetChoice.Decide(SmokeBaseUrl, SmokeBackendUrl) is SmokeTarget.GivenUrl
            ? null
            : await DockerDaemon.Check(cancellationToken)
              ?? await ChartRequirements.HelmResolvable.Check(cancellationToken)
              ?? await LocalPostgres.ServerInstalled.Check(cancellationToken));

    Task RunSmokeSuiteAsync(Uri frontend, Uri? backend) =>
        SmokeSuite.CheckAsync(RootDirectory, Configuration.ToString(), frontend, backend, Summary, CancellationToken);
}
