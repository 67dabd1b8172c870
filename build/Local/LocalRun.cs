using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Engine;

namespace Local;

/// <summary>Settings that differ between a plain local run and one the resilience scenarios hammer.</summary>
public sealed record LocalRunOptions
{
    public int ShutdownDrainSeconds { get; init; } = 2;

    /// <summary>Extra backend settings, e.g. lifted rate limits so a load test measures the app, not the limiter.</summary>
    public IReadOnlyDictionary<string, string> BackendSettings { get; init; } = new Dictionary<string, string>();

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(90);
}

/// <summary>What <see cref="LocalRun.UpAsync"/> started and how long each image took from <c>docker run</c> to ready.</summary>
public sealed record LocalRunStarted(LocalRunState State, TimeSpan BackendReadyAfter, TimeSpan FrontendReadyAfter);

/// <summary>
/// The built images on this machine's Docker with a real PostgreSQL: a network of their own, the database on that
/// network's gateway (the installed server as a throwaway cluster), ports on 127.0.0.1 only.
/// </summary>
public static class LocalRun
{
    public static async Task<LocalRunStarted> UpAsync(LocalImages images, string stateFile, LocalRunOptions options, CancellationToken cancellationToken)
    {
        if (LocalRunState.Load(stateFile) is { } previous)
            throw new InvalidOperationException(
                $"A local run ({previous.RunId}, frontend {previous.FrontendUrl ?? "not started"}) is still recorded in {stateFile}. "
                + "Take it down first: ./build.sh Down");

        var runId = LocalRunState.NewRunId();
        var runDirectory = Path.Combine(Path.GetTempPath(), $"todo-local-{runId}");
        var state = new LocalRunState { RunId = runId, StartedAt = DateTimeOffset.UtcNow, RunDirectory = runDirectory };
        Directory.CreateDirectory(runDirectory);
        state.Save(stateFile);

        var network = $"todo-local-{runId}";
        await DockerAsync(["network", "create", "--label", $"{LocalRunState.Label}={runId}", network], cancellationToken);
        state = state with { Network = network };
        state.Save(stateFile);
        var (gateway, subnet) = await GatewayOfAsync(network, cancellationToken);

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Log.AddSecret(password);
        var postgres = new LocalPostgresState(
            DataDirectory: Path.Combine(runDirectory, "pgdata"),
            SocketDirectory: Path.Combine(runDirectory, "socket"),
            Port: FreeTcpPort(),
            ListenAddresses: $"127.0.0.1,{gateway}",
            Database: "todo",
            User: "todo");
        state = state with { Postgres = postgres };
        state.Save(stateFile);
        await LocalPostgres.CreateAndStartAsync(postgres, runDirectory, password, subnet, cancellationToken);
        Log.Info("PostgreSQL listens on {0}:{1} (and 127.0.0.1), data in {2}", gateway, postgres.Port, postgres.DataDirectory);

        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        Log.AddSecret(signingKey);
        var backend = new ContainerLaunch($"todo-backend-{runId}", images.Backend, network, images.BackendPort)
        {
            RunId = runId,
            NetworkAliases = ["todo-backend"],
            Settings = new Dictionary<string, string>(options.BackendSettings)
            {
                ["SHUTDOWN_DRAIN_SECONDS"] = options.ShutdownDrainSeconds.ToString(CultureInfo.InvariantCulture),
            },
            SecretSettings = ["DATABASE_URL", "AUTH_SIGNING_KEY"],
        };
        var secrets = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = LocalPostgresPlan.DatabaseUrl(postgres, gateway, password),
            ["AUTH_SIGNING_KEY"] = signingKey,
        };
        var (backendUrl, backendReady) = await StartAsync(backend, secrets, options.ReadyTimeout, stateFile, state, cancellationToken);
        state = LocalRunState.Load(stateFile)! with { BackendContainer = backend.Name, BackendPort = images.BackendPort, BackendUrl = backendUrl.ToString() };
        state.Save(stateFile);

        var frontend = new ContainerLaunch($"todo-frontend-{runId}", images.Frontend, network, images.FrontendPort)
        {
            RunId = runId,
            Settings = new Dictionary<string, string> { ["BACKEND_URL"] = $"http://todo-backend:{images.BackendPort}" },
        };
        var (frontendUrl, frontendReady) = await StartAsync(frontend, null, options.ReadyTimeout, stateFile, state, cancellationToken);
        state = LocalRunState.Load(stateFile)! with { FrontendUrl = frontendUrl.ToString() };
        state.Save(stateFile);
        return new LocalRunStarted(state, backendReady, frontendReady);
    }

    /// <summary>Starts the recorded backend container again (after a scenario stopped it) and waits until it is ready.</summary>
    public static async Task<TimeSpan> StartBackendAgainAsync(string stateFile, CancellationToken cancellationToken)
    {
        var state = LocalRunState.Load(stateFile) ?? throw new InvalidOperationException($"No local run is recorded in {stateFile}.");
        var container = state.BackendContainer ?? throw new InvalidOperationException("The local run has no backend container.");
        var clock = Stopwatch.StartNew();
        await DockerAsync(["start", container], cancellationToken, quiet: true);
        // The kernel may hand the published port out anew on every start.
        var url = ContainerLaunch.PublishedUrl(await DockerAsync(["port", container, $"{state.BackendPort}/tcp"], cancellationToken, quiet: true));
        (state with { BackendUrl = url.ToString() }).Save(stateFile);
        return await ReadinessProbe.WaitAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(60), clock, cancellationToken);
    }

    /// <summary>Removes everything the recorded run started; safe to repeat, and after a half-finished <c>Up</c>.</summary>
    public static async Task DownAsync(string stateFile, CancellationToken cancellationToken)
    {
        if (LocalRunState.Load(stateFile) is not { } state)
        {
            Log.Info("No local run is recorded in {0}: nothing to take down.", stateFile);
            return;
        }

        // Every container of the run carries its label, including one whose name never reached the state file.
        var labelled = await DockerAsync(["ps", "--all", "--filter", $"label={LocalRunState.Label}={state.RunId}", "--format", "{{.Names}}"], cancellationToken, quiet: true);
        var containers = labelled.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(state.Containers).Distinct(StringComparer.Ordinal).ToList();
        if (containers.Count > 0)
            await DockerAsync(["rm", "--force", "--volumes", .. containers], cancellationToken, allowFailure: true);
        if (state.Network is { } network)
            await DockerAsync(["network", "rm", network], cancellationToken, allowFailure: true);
        if (state.Postgres is { } postgres)
            await LocalPostgres.StopAsync(postgres, cancellationToken);
        if (Directory.Exists(state.RunDirectory))
            Directory.Delete(state.RunDirectory, recursive: true);
        File.Delete(stateFile);
        Log.Success("Local run {0} removed: {1} container(s), network {2}, PostgreSQL and {3}",
            state.RunId, containers.Count, state.Network ?? "(none)", state.RunDirectory);
    }

    static async Task<(Uri Url, TimeSpan ReadyAfter)> StartAsync(ContainerLaunch launch, IReadOnlyDictionary<string, string?>? secrets,
        TimeSpan timeout, string stateFile, LocalRunState state, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await ProcessRunner.RunAsync(new ProcessSpec("docker", launch.RunArguments()) { Environment = secrets, Quiet = true }, cancellationToken);
        var created = clock.Elapsed;
        state = LocalRunState.Load(stateFile)! with { Containers = [.. LocalRunState.Load(stateFile)!.Containers, launch.Name] };
        state.Save(stateFile);
        var url = ContainerLaunch.PublishedUrl(await DockerAsync(["port", launch.Name, $"{launch.ContainerPort}/tcp"], cancellationToken, quiet: true));
        try
        {
            var readyAfter = await ReadinessProbe.WaitAsync(new Uri(url, "health/ready"), timeout, clock, cancellationToken);
            Log.Success("{0} ready at {1} in {2:F1} s from docker run (the container was up after {3:F1} s)",
                launch.Name, url, readyAfter.TotalSeconds, created.TotalSeconds);
            return (url, readyAfter);
        }
        catch (TimeoutException)
        {
            var logs = await ProcessRunner.RunAsync(new ProcessSpec("docker", ["logs", "--tail", "60", launch.Name]) { Quiet = true, AllowFailure = true }, cancellationToken);
            Log.Error("{0} never became ready. Its last log lines:\n{1}{2}", launch.Name, logs.StandardOutput, logs.StandardError);
            throw;
        }
    }

    static async Task<(string Gateway, string Subnet)> GatewayOfAsync(string network, CancellationToken cancellationToken)
    {
        var output = await DockerAsync(
            ["network", "inspect", "--format", "{{range .IPAM.Config}}{{.Gateway}} {{.Subnet}}{{end}}", network], cancellationToken, quiet: true);
        var parts = output.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && IPAddress.TryParse(parts[0], out _)
            ? (parts[0], parts[1])
            : throw new InvalidOperationException($"Cannot read the gateway of docker network {network}: '{output.Trim()}'");
    }

    static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task<string> DockerAsync(string[] arguments, CancellationToken cancellationToken, bool quiet = false, bool allowFailure = false) =>
        (await ProcessRunner.RunAsync(new ProcessSpec("docker", arguments) { Quiet = quiet, AllowFailure = allowFailure }, cancellationToken)).StandardOutput;
}
