using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine;

namespace Images;

/// <summary>Which image builder `docker build` uses. Classic works with every client; BuildKit needs a client that
/// has it (the 20.10 client built in, newer ones through the buildx plugin).</summary>
public enum DockerBuilder
{
    Classic,
    BuildKit,
}

/// <summary>What the build needs to know about a local image, from `docker image inspect`.</summary>
public sealed record DockerImage(
    string Id,
    long SizeBytes,
    string User,
    IReadOnlyList<string> Environment,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> RepoTags)
{
    /// <summary>The config's architecture (<c>amd64</c>, <c>arm64</c>): what a node's runtime checks before running it.</summary>
    public string Architecture { get; init; } = "";
}

/// <summary>One `docker build`: runtime-only, so the context is the repository root narrowed by .dockerignore.</summary>
public sealed record DockerBuildSpec(
    string Dockerfile,
    string ContextDirectory,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> BuildArguments,
    string ImageIdFile,
    ContainerPlatform Platform);

/// <summary>Typed wrapper over the build's one process runner for the docker CLI.</summary>
public sealed class Docker(string executable, DockerBuilder builder)
{
    public string Executable { get; } = executable;

    public DockerBuilder Builder { get; } = builder;

    /// <summary>The daemon's version, or null when no daemon answers (within a few seconds: a hung socket must not
    /// stall the requirement check).</summary>
    public async Task<string?> ServerVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await RunAsync(["version", "--format", "{{.Server.Version}}"], cancellationToken, allowFailure: true,
                timeout: TimeSpan.FromSeconds(15));
            var version = result.StandardOutput.Trim();
            return result.ExitCode == 0 && version.Length > 0 ? version : null;
        }
        catch (ProcessFailedException)
        {
            return null;
        }
    }

    public async Task<DockerImage?> InspectImageAsync(string reference, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["image", "inspect", reference], cancellationToken, allowFailure: true);
        return result.ExitCode == 0 ? ParseInspect(result.StandardOutput) : null;
    }

    /// <summary>Tries one pull, bounded by <paramref name="timeout"/>: where no registry answers it must fail fast.</summary>
    public async Task<bool> TryPullAsync(string reference, ContainerPlatform platform, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        try
        {
            var result = await RunAsync(["pull", "--platform", platform.Name, reference], cancellationToken, allowFailure: true,
                timeout: timeout);
            return result.ExitCode == 0;
        }
        catch (ProcessFailedException)
        {
            return false;
        }
    }

    /// <returns>The built image's ID.</returns>
    public async Task<string> BuildAsync(DockerBuildSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        File.Delete(spec.ImageIdFile);
        List<string> arguments = ["build", "--file", spec.Dockerfile, "--iidfile", spec.ImageIdFile];
        foreach (var tag in spec.Tags)
            arguments.AddRange(["--tag", tag]);
        foreach (var (name, value) in spec.BuildArguments.OrderBy(a => a.Key, StringComparer.Ordinal))
            arguments.AddRange(["--build-arg", $"{name}={value}"]);
        if (Builder == DockerBuilder.BuildKit)
            arguments.AddRange(["--progress", "plain"]);
        // Without it the classic builder stamps the daemon's architecture on the image, whatever the base's was. The
        // Dockerfiles have no RUN, so building for another architecture needs no emulation.
        arguments.AddRange(["--platform", spec.Platform.Name]);
        arguments.Add(spec.ContextDirectory);
        await RunAsync(arguments, cancellationToken, quiet: false);
        return (await File.ReadAllTextAsync(spec.ImageIdFile, cancellationToken)).Trim();
    }

    public Task TagAsync(string source, string target, CancellationToken cancellationToken) =>
        RunAsync(["tag", source, target], cancellationToken);

    public Task LoadAsync(string archivePath, CancellationToken cancellationToken) =>
        RunAsync(["load", "--input", archivePath], cancellationToken);

    /// <summary>Writes the image as `docker save` does: its config, manifest and one tar per layer.</summary>
    public Task SaveAsync(string reference, string archivePath, CancellationToken cancellationToken) =>
        RunAsync(["save", "--output", archivePath, reference], cancellationToken);

    /// <summary>Starts a container in the background with <paramref name="port"/> published on 127.0.0.1 only, on a
    /// port the kernel picks. Returns the container ID.</summary>
    public async Task<string> StartContainerAsync(string image, int port, IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken, ContainerExtras? extras = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        List<string> arguments = ["run", "--detach", "--publish", $"127.0.0.1::{port}"];
        return (await RunAsync(WithSettings(arguments, image, environment, extras), cancellationToken,
            environment: extras?.SecretEnvironment())).StandardOutput.Trim();
    }

    /// <summary>Runs a container to its end (an init container's work), failing with its output if it fails.</summary>
    public async Task RunToCompletionAsync(string image, IReadOnlyDictionary<string, string> environment, ContainerExtras extras,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(extras);
        await RunAsync(WithSettings(["run", "--rm"], image, environment, extras), cancellationToken, timeout: timeout,
            environment: extras.SecretEnvironment());
    }

    public Task RemoveVolumeAsync(string volume, CancellationToken cancellationToken) =>
        RunAsync(["volume", "rm", "--force", volume], cancellationToken, allowFailure: true);

    static List<string> WithSettings(List<string> arguments, string image, IReadOnlyDictionary<string, string> environment,
        ContainerExtras? extras)
    {
        foreach (var (name, value) in environment)
            arguments.AddRange(["--env", $"{name}={value}"]);
        // A secret by name only: docker copies the value from its own environment, so it never stands on a command line.
        foreach (var name in extras?.Secrets.Keys ?? [])
            arguments.AddRange(["--env", name]);
        if (extras?.Volume is { } volume)
            arguments.AddRange(["--volume", volume]);
        arguments.Add(image);
        arguments.AddRange(extras?.Arguments ?? []);
        return arguments;
    }

    /// <summary>The loopback port a container's <paramref name="port"/> is published on.</summary>
    public async Task<int> PublishedPortAsync(string container, int port, CancellationToken cancellationToken)
    {
        var binding = (await RunAsync(["port", container, $"{port}/tcp"], cancellationToken)).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .First(b => b.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        return int.Parse(binding[(binding.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a program inside a running container; a non-zero exit is returned, not thrown.</summary>
    public Task<ProcessResult> ExecAsync(string container, IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        RunAsync(["exec", container, .. command], cancellationToken, allowFailure: true);

    /// <summary>The user IDs of the processes of a running container, as the host sees them.</summary>
    public async Task<IReadOnlyList<string>> ProcessUserIdsAsync(string container, CancellationToken cancellationToken) =>
        (await RunAsync(["top", container, "-eo", "pid,uid"], cancellationToken)).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])
            .ToList();

    /// <summary>The resident memory of a running container's processes together (what `ps -o rss` reports), in bytes.</summary>
    public async Task<long> ResidentBytesAsync(string container, CancellationToken cancellationToken) =>
        (await RunAsync(["top", container, "-eo", "pid,rss"], cancellationToken)).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Sum(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture) * 1024);

    /// <summary>The container's main process as the daemon sees it, in one <c>docker inspect</c>: its pid on the host and
    /// when it started (<c>.State.StartedAt</c>, set once the runtime has started the process; Kubernetes reports a
    /// container's <c>state.running.startedAt</c> the same way).</summary>
    public async Task<ContainerProcess> MainProcessAsync(string container, CancellationToken cancellationToken) =>
        ParseProcess((await RunAsync(["inspect", "--format", "{{.State.Pid}} {{.State.StartedAt}}", container], cancellationToken,
            allowFailure: true)).StandardOutput);

    /// <summary>Reads <c>{{.State.Pid}} {{.State.StartedAt}}</c>; a pid of 0 (not running) or an error reads as unknown.</summary>
    public static ContainerProcess ParseProcess(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = text.Trim().Split(' ', 2);
        var pid = int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : (int?)null;
        return new ContainerProcess(pid, fields.Length == 2 ? ParseTimestamp(fields[1]) : null);
    }

    /// <summary>A daemon timestamp: Go's RFC 3339 with up to nine fractional digits, trailing zeros dropped
    /// (<c>2026-11-30T17:31:02.123456789Z</c>); .NET reads seven, so the rest (below 100 ns) is cut. Null for anything
    /// else, including Go's zero time, which the daemon prints for a container that never started.</summary>
    public static DateTimeOffset? ParseTimestamp(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Regex.Match(text,
            @"^(?<seconds>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(?<fraction>\d{1,9}))?(?<zone>Z|[+-]\d\d:\d\d)$");
        if (!match.Success)
            return null;
        var fraction = match.Groups["fraction"].Value.PadRight(7, '0')[..7];
        var zone = match.Groups["zone"].Value == "Z" ? "+00:00" : match.Groups["zone"].Value;
        var parsed = DateTimeOffset.ParseExact($"{match.Groups["seconds"].Value}.{fraction}{zone}", "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz",
            CultureInfo.InvariantCulture);
        return parsed.Year <= 1 ? null : parsed;
    }

    public async Task<string> LogsAsync(string container, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["logs", container], cancellationToken, allowFailure: true);
        return result.StandardOutput + result.StandardError;
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. <c>TERM</c>) to a container's main process.</summary>
    public Task KillAsync(string container, string signal, CancellationToken cancellationToken) =>
        RunAsync(["kill", "--signal", signal, container], cancellationToken);

    /// <summary>Waits until a container has exited (<c>docker wait</c>), at most <paramref name="timeout"/>.</summary>
    public Task WaitAsync(string container, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(["wait", container], cancellationToken, timeout: timeout);

    /// <summary>The value of label <paramref name="label"/> on each running container that carries
    /// <paramref name="filterLabel"/>=<paramref name="filterValue"/> (<c>docker ps --filter label=…</c>).</summary>
    public async Task<IReadOnlyList<string>> ContainerLabelValuesAsync(
        string filterLabel, string filterValue, string label, CancellationToken cancellationToken) =>
        (await RunAsync(["ps", "--filter", $"label={filterLabel}={filterValue}", "--format", $"{{{{.Label \"{label}\"}}}}"],
            cancellationToken)).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public Task RemoveContainerAsync(string container, CancellationToken cancellationToken) =>
        RunAsync(["rm", "--force", "--volumes", container], cancellationToken, allowFailure: true);

    public Task RemoveImageAsync(string reference, CancellationToken cancellationToken) =>
        RunAsync(["rmi", reference], cancellationToken, allowFailure: true);

    /// <summary>Any docker verb through the configured client. <paramref name="environment"/> reaches the client only
    /// (e.g. secret values that <c>docker run --env NAME</c> copies by name, so they never stand on a command line).</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool allowFailure = false,
        bool quiet = true,
        TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.RunAsync(
            new ProcessSpec(Executable, arguments)
            {
                AllowFailure = allowFailure,
                Quiet = quiet,
                Timeout = timeout,
                // The classic builder must be asked for explicitly: clients from 23.0 on default to BuildKit and fail
                // without the buildx plugin.
                Environment = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
                {
                    ["DOCKER_BUILDKIT"] = Builder == DockerBuilder.BuildKit ? "1" : "0",
                },
            },
            cancellationToken);

    public static DockerImage ParseInspect(string json)
    {
        using var document = JsonDocument.Parse(json);
        var image = document.RootElement[0];
        var config = image.GetProperty("Config");
        return new DockerImage(
            image.GetProperty("Id").GetString() ?? "",
            image.GetProperty("Size").GetInt64(),
            config.TryGetProperty("User", out var user) ? user.GetString() ?? "" : "",
            Strings(config, "Env"),
            config.TryGetProperty("Labels", out var labels) && labels.ValueKind == JsonValueKind.Object
                ? labels.EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString() ?? "", StringComparer.Ordinal)
                : new Dictionary<string, string>(),
            Strings(config, "Entrypoint"),
            Strings(config, "Cmd"),
            Strings(image, "RepoTags"))
        {
            Architecture = image.TryGetProperty("Architecture", out var architecture) ? architecture.GetString() ?? "" : "",
        };
    }

    static string[] Strings(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString() ?? "").ToArray()
            : [];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Executable} ({Builder})");
}

/// <summary>A container's main process: its pid on the host (null when not running or not known) and when it started.</summary>
public sealed record ContainerProcess(int? Pid, DateTimeOffset? StartedAt)
{
    /// <summary>User + system CPU time so far, from the host's /proc (fields 14 and 15 of /proc/[pid]/stat, in clock
    /// ticks of 1/100 s on Linux); null where the daemon runs elsewhere (Docker Desktop's VM) or /proc is not readable.</summary>
    public async Task<TimeSpan?> CpuTimeAsync(CancellationToken cancellationToken)
    {
        var stat = $"/proc/{Pid}/stat";
        if (Pid is null || !OperatingSystem.IsLinux() || !File.Exists(stat))
            return null;
        var text = await File.ReadAllTextAsync(stat, cancellationToken);
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
