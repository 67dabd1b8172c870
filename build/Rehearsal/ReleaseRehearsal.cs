using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Helm;
using Cluster;
using Engine;
using Images;
using k8s.Models;
using Local;

namespace Rehearsal;

/// <summary>What a rehearsal is rendered from: the chart, the values HelmInstall would pass, and the secret inputs the
/// build would put in the release's Secret.</summary>
/// <param name="Values">Values files in order (a --values-profile, the rehearsal profile, the generated overrides)
/// and --helm-set pairs.</param>
/// <param name="ThrowawayDatabase">Always use a throwaway PostgreSQL on this machine (database.mode external), even
/// when the chart's own database image is present: the resilience scenarios restart it.</param>
public sealed record RehearsalRequest(
    Docker Docker,
    HelmCli Helm,
    string ChartDirectory,
    string Release,
    string Namespace,
    ChartValues Values,
    SecretInputs Secrets,
    bool ThrowawayDatabase)
{
    /// <summary>The names the chart gives this release's objects (its Services among them).</summary>
    public ReleaseNames Names => ReleaseNames.For(Release, Values.Settings);
}

/// <summary>
/// The rendered release, run on this machine's Docker as a kubelet would run it (docs/rehearsal.md): one docker network
/// stands in for the cluster network, each Service is a network alias of the pods it selects, the build's Secret is
/// created as HelmInstall creates it, and the database is the chart's own StatefulSet when its image is here, else a
/// throwaway PostgreSQL reached as an external database. Everything it starts is recorded in the local-run state file
/// as soon as it exists, so <see cref="DownAsync"/> removes exactly that, also after a failure or Ctrl+C.
/// </summary>
public static class ReleaseRehearsal
{
    public const string RehearsalProfile = "rehearsal";

    public static async Task<(LocalRunState State, IReadOnlyList<ReadyPod> Pods, RehearsalPlan Plan)> UpAsync(
        RehearsalRequest request, string stateFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (LocalRunState.Load(stateFile) is { } previous)
            throw new RehearsalException(
                $"A local run ({previous.RunId}, frontend {previous.FrontendUrl ?? "not started"}) is still up. Take it down first: "
                    + $"./build.sh Down");

        var runId = LocalRunState.NewRunId();
        var runDirectory = Path.Combine(Path.GetTempPath(), $"todo-local-{runId}");
        Directory.CreateDirectory(runDirectory);
        var state = new LocalRunState { RunId = runId, StartedAt = DateTimeOffset.UtcNow, RunDirectory = runDirectory };
        state.Save(stateFile);
        var network = $"todo-local-{runId}";
        var docker = request.Docker;
        await DockerAsync(docker, ["network", "create", "--label", $"{LocalRunState.Label}={runId}", network], cancellationToken);
        state = state with { Network = network };
        state.Save(stateFile);

        var (objects, databaseUrl) = await RenderWithDatabaseAsync(request, state, stateFile, cancellationToken);
        var secret = ReleaseSecret.Plan(ReleaseSecret.NameFor(request.Release), request.Namespace,
            request.Secrets with { DatabaseUrl = databaseUrl ?? request.Secrets.DatabaseUrl }, null, ReleaseSecret.NewSigningKey);
        foreach (var value in ContainerEnvironment.SecretData(secret.Secret!).Values)
            Log.AddSecret(value);
        var plan = RehearsalPlan.From(objects, [secret.Secret!], $"todo-local-{runId}");
        foreach (var note in plan.NotHonoured)
            Log.Info("not rehearsed: {0}", note);
        state = LocalRunState.Load(stateFile)! with { Volumes = [.. plan.Pods.SelectMany(p => p.Claims.Values)] };
        state.Save(stateFile);

        await EnsureImagesPresentAsync(docker, plan, cancellationToken);
        var run = new RehearsalRun(runId, network, Path.Combine(runDirectory, "files"));
        var lifecycle = new PodLifecycle(docker, plan, run, name => Record(stateFile, name));
        Log.Info("starting {0} pod(s): {1}", plan.Pods.Count, string.Join(", ", plan.Pods.Select(p => p.Name)));
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var starting = plan.Pods.Select(async pod =>
        {
            try
            {
                return await lifecycle.StartAsync(pod, failFast.Token);
            }
            catch when (!cancellationToken.IsCancellationRequested)
            {
                await failFast.CancelAsync(); // one pod failing fails the rehearsal: stop waiting for the others
                throw;
            }
        }).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            // The first real failure, not the cancellations it caused in the other pods.
            var failure = starting.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null)
                throw failure;
            throw;
        }

        var pods = starting.Select(t => t.Result).ToList();
        state = LocalRunState.Load(stateFile)! with
        {
            BackendContainer = First(pods, request.Names.BackendService)?.ContainerName,
            BackendPort = First(pods, request.Names.BackendService) is { } backend
                ? ServicePort(plan, backend, request.Names.BackendService) : 0,
            BackendUrl = Url(plan, First(pods, request.Names.BackendService), request.Names.BackendService),
            FrontendUrl = Url(plan, First(pods, request.Names.FrontendService), request.Names.FrontendService),
            FrontendContainer = First(pods, request.Names.FrontendService)?.ContainerName,
            FrontendPort = First(pods, request.Names.FrontendService) is { } frontend
                ? ServicePort(plan, frontend, request.Names.FrontendService) : 0,
        };
        state.Save(stateFile);
        return (state, pods, plan);
    }

    /// <summary>Runs every <c>helm test</c> pod of the plan to completion, printing its output; fails naming the pod.</summary>
    public static async Task<IReadOnlyList<string>> RunTestsAsync(Docker docker, RehearsalPlan plan, string stateFile,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var state = LocalRunState.Load(stateFile) ?? throw new RehearsalException("No rehearsal is up.");
        var run = new RehearsalRun(state.RunId, state.Network!, Path.Combine(state.RunDirectory, "files"));
        var lifecycle = new PodLifecycle(docker, plan, run, name => Record(stateFile, name));
        var outputs = new List<string>();
        foreach (var test in plan.Tests)
        {
            var clock = Stopwatch.StartNew();
            var (exitCode, output) = await lifecycle.RunToCompletionAsync(test, TimeSpan.FromMinutes(5), cancellationToken);
            Log.Info("helm test pod {0} ({1:F1} s) printed:\n{2}", test.Name, clock.Elapsed.TotalSeconds, output);
            if (exitCode != 0)
                throw new RehearsalException($"helm test pod {test.Name} failed (exit code {exitCode}). Its output:\n{output}");
            outputs.Add(output);
        }

        return outputs;
    }

    /// <summary>Starts the recorded backend (or frontend) container again, after a scenario stopped it, and waits for
    /// its readiness path.</summary>
    public static async Task<TimeSpan> StartAgainAsync(Docker docker, string stateFile, bool frontend, CancellationToken cancellationToken)
    {
        var state = LocalRunState.Load(stateFile) ?? throw new RehearsalException($"No local run is recorded in {stateFile}.");
        var container = (frontend ? state.FrontendContainer : state.BackendContainer)
            ?? throw new RehearsalException($"The local run has no {(frontend ? "frontend" : "backend")} container.");
        var clock = Stopwatch.StartNew();
        await DockerAsync(docker, ["start", container], cancellationToken);
        // The kernel may hand the published port out anew on every start.
        var ports = ContainerProbe.ParsePublishedPorts(await DockerAsync(docker, ["port", container], cancellationToken));
        var url = new Uri($"http://127.0.0.1:{ports[frontend ? state.FrontendPort : state.BackendPort]}/");
        (frontend ? state with { FrontendUrl = url.ToString() } : state with { BackendUrl = url.ToString() }).Save(stateFile);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var ready = await http.GetAsync(new Uri(url, "health/ready"), cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK)
                    return clock.Elapsed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new RehearsalException($"{container} was not ready within 60 s of docker start.");
    }

    /// <summary>Removes everything the recorded run started; safe to repeat, and after a half-finished <see cref="UpAsync"/>.</summary>
    public static async Task DownAsync(Docker docker, string stateFile, CancellationToken cancellationToken)
    {
        if (LocalRunState.Load(stateFile) is not { } state)
        {
            Log.Info("No local run is recorded in {0}: nothing to take down.", stateFile);
            return;
        }

        // Every container of the run carries its label, including one whose name never reached the state file.
        var labelled = await DockerAsync(docker,
            ["ps", "--all", "--filter", $"label={LocalRunState.Label}={state.RunId}", "--format", "{{.Names}}"], cancellationToken);
        var containers = labelled.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(state.Containers).Distinct(StringComparer.Ordinal).ToList();
        if (containers.Count > 0)
            await DockerAsync(docker, ["rm", "--force", "--volumes", .. containers], cancellationToken, allowFailure: true);
        if (state.Volumes.Count > 0)
            await DockerAsync(docker, ["volume", "rm", "--force", .. state.Volumes], cancellationToken, allowFailure: true);
        if (state.Network is { } network)
            await DockerAsync(docker, ["network", "rm", network], cancellationToken, allowFailure: true);
        if (state.Postgres is { } postgres)
            await LocalPostgres.StopAsync(postgres, cancellationToken);
        if (Directory.Exists(state.RunDirectory))
            Directory.Delete(state.RunDirectory, recursive: true);
        File.Delete(stateFile);
        Log.Success("Local run {0} removed: {1} container(s), {2} volume(s), network {3}, {4}",
            state.RunId, containers.Count, state.Volumes.Count, state.Network ?? "(none)",
            state.Postgres is null ? state.RunDirectory : $"PostgreSQL and {state.RunDirectory}");
    }

    /// <summary>
    /// Renders as given. The database: the chart's StatefulSet when its image is on this machine (nothing can be pulled
    /// here); the external one the caller named; else a throwaway PostgreSQL the pods reach on the network's gateway,
    /// rendered as database.mode external. Answers the objects and, in that last case, the DATABASE_URL for the Secret.
    /// </summary>
    static async Task<(IReadOnlyList<k8s.IKubernetesObject> Objects, string? DatabaseUrl)> RenderWithDatabaseAsync(
        RehearsalRequest request, LocalRunState state, string stateFile, CancellationToken cancellationToken)
    {
        var objects = await RenderAsync(request, request.Values, cancellationToken);
        var inClusterImage = objects.OfType<V1StatefulSet>().SelectMany(s => s.Spec.Template.Spec.Containers).Select(c => c.Image)
            .FirstOrDefault();
        if (inClusterImage is not null && !request.ThrowawayDatabase
            && await request.Docker.InspectImageAsync(inClusterImage, cancellationToken) is not null)
        {
            Log.Info("database: the chart's own PostgreSQL StatefulSet ({0} is on this machine)", inClusterImage);
            return (objects, null);
        }

        if (inClusterImage is null && !string.IsNullOrEmpty(request.Secrets.DatabaseUrl))
        {
            Log.Info("database: the external one given with --database-url");
            return (objects, null);
        }

        Log.Info(inClusterImage is null
            ? "database: a throwaway PostgreSQL on this machine (database.mode external)"
            : $"database: a throwaway PostgreSQL on this machine stands in for {inClusterImage} (database.mode external)");
        var databaseUrl = await StartThrowawayPostgresAsync(request.Docker, state, stateFile, cancellationToken);
        return (inClusterImage is null ? objects
            : await RenderAsync(request, request.Values.With("database.mode", "external"), cancellationToken), databaseUrl);
    }

    static async Task<IReadOnlyList<k8s.IKubernetesObject>> RenderAsync(RehearsalRequest request, ChartValues values,
        CancellationToken cancellationToken)
    {
        var result = await request.Helm.TemplateAsync(request.Release, request.ChartDirectory, request.Namespace, values,
            cancellationToken);
        if (result.ExitCode != 0)
            throw new RehearsalException($"helm template failed:\n{result.StandardError.Trim()}");
        return [.. RenderedManifest.ParseStrict(result.StandardOutput).Objects.Select(o => o.Resource)];
    }

    static async Task<string> StartThrowawayPostgresAsync(Docker docker, LocalRunState state, string stateFile,
        CancellationToken cancellationToken)
    {
        var (gateway, subnet) = await GatewayOfAsync(docker, state.Network!, cancellationToken);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Log.AddSecret(password);
        var postgres = new LocalPostgresState(
            DataDirectory: Path.Combine(state.RunDirectory, "pgdata"),
            SocketDirectory: Path.Combine(state.RunDirectory, "socket"),
            Port: FreeTcpPort(),
            ListenAddresses: $"127.0.0.1,{gateway}",
            Database: "todo",
            User: "todo");
        (LocalRunState.Load(stateFile)! with { Postgres = postgres }).Save(stateFile);
        await LocalPostgres.CreateAndStartAsync(postgres, state.RunDirectory, password, subnet, cancellationToken);
        Log.Info("PostgreSQL listens on {0}:{1} (and 127.0.0.1), data in {2}", gateway, postgres.Port, postgres.DataDirectory);
        return LocalPostgresPlan.DatabaseUrl(postgres, gateway, password);
    }

    /// <summary>The kubelet's image check, before any container starts: the rehearsal never pulls, like pullPolicy Never.</summary>
    static async Task EnsureImagesPresentAsync(Docker docker, RehearsalPlan plan, CancellationToken cancellationToken)
    {
        var images = plan.Pods.Concat(plan.Tests)
            .SelectMany(p => (p.Spec.InitContainers ?? []).Concat(p.Spec.Containers).Select(c => (Pod: p, c.Image)))
            .DistinctBy(i => i.Image).ToList();
        foreach (var (pod, image) in images)
        {
            if (await docker.InspectImageAsync(image, cancellationToken) is null)
                throw new RehearsalException(
                    $"{pod}: image {image} is not on this machine (ErrImageNeverPull: the rehearsal never pulls). Build it first: "
                        + $"./build.sh DockerBuild");
        }
    }

    static ReadyPod? First(IReadOnlyList<ReadyPod> pods, string service) =>
        pods.FirstOrDefault(p => p.Pod.ServiceNames.Contains(service));

    /// <summary>The container port behind the Service's first port (equal to it: the rehearsal profile sets them equal).</summary>
    static int ServicePort(RehearsalPlan plan, ReadyPod pod, string service) =>
        plan.Services.FirstOrDefault(s => s.Metadata.Name == service)?.Spec?.Ports?.FirstOrDefault() is { } port
            ? pod.Pod.Template.ContainerPort(port.TargetPort?.Value
                ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Port.ContainerPort ?? 0
            : 0;

    static string? Url(RehearsalPlan plan, ReadyPod? pod, string service) =>
        pod is not null && pod.PublishedPorts.TryGetValue(ServicePort(plan, pod, service), out var hostPort)
            ? $"http://127.0.0.1:{hostPort}/" : null;

    static readonly Lock StateLock = new();

    static void Record(string stateFile, string container)
    {
        lock (StateLock)
        {
            var state = LocalRunState.Load(stateFile)!;
            (state with { Containers = [.. state.Containers, container] }).Save(stateFile);
        }
    }

    static async Task<(string Gateway, string Subnet)> GatewayOfAsync(Docker docker, string network, CancellationToken cancellationToken)
    {
        var output = await DockerAsync(docker,
            ["network", "inspect", "--format", "{{range .IPAM.Config}}{{.Gateway}} {{.Subnet}}{{end}}", network], cancellationToken);
        var parts = output.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && IPAddress.TryParse(parts[0], out _)
            ? (parts[0], parts[1])
            : throw new RehearsalException($"Cannot read the gateway of docker network {network}: '{output.Trim()}'");
    }

    static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task<string> DockerAsync(Docker docker, IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        bool allowFailure = false) =>
        (await docker.RunAsync(arguments, cancellationToken, allowFailure)).StandardOutput;
}
