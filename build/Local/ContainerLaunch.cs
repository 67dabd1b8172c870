namespace Local;

/// <summary>
/// One container of the local run, as <c>docker run</c> arguments. Secret values never appear here: an environment
/// entry is passed by name only (<c>-e NAME</c>) and docker copies its value from the CLI's own environment.
/// </summary>
public sealed record ContainerLaunch(string Name, string Image, string Network, int ContainerPort)
{
    /// <summary>Plain settings, visible in <c>docker inspect</c> and the audit log.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of settings whose values come from the docker CLI's environment.</summary>
    public IReadOnlyList<string> SecretSettings { get; init; } = [];

    public IReadOnlyList<string> NetworkAliases { get; init; } = [];

    public required string RunId { get; init; }

    public IReadOnlyList<string> RunArguments()
    {
        var arguments = new List<string>
        {
            "run", "--detach", "--name", Name,
            "--label", $"{LocalRunState.Label}={RunId}",
            "--network", Network,
            // Loopback only, on a port the kernel picks: nothing outside this machine reaches the run, and parallel
            // runs never fight over a port.
            "--publish", $"127.0.0.1::{ContainerPort}",
            // Same hardening a cluster gives the pods: nothing to write but /tmp, no privileges to gain.
            "--read-only", "--tmpfs", "/tmp:rw,noexec,nosuid,size=64m",
            "--security-opt", "no-new-privileges", "--cap-drop", "ALL",
        };
        foreach (var alias in NetworkAliases)
            arguments.AddRange(["--network-alias", alias]);
        foreach (var (name, value) in Settings.OrderBy(setting => setting.Key, StringComparer.Ordinal))
            arguments.AddRange(["--env", $"{name}={value}"]);
        foreach (var name in SecretSettings)
            arguments.AddRange(["--env", name]);
        arguments.Add(Image);
        return arguments;
    }

    /// <summary>Reads the host side of <c>docker port NAME PORT</c>, e.g. "127.0.0.1:49153" (possibly several lines).</summary>
    public static Uri PublishedUrl(string dockerPortOutput)
    {
        var line = dockerPortOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(candidate => candidate.StartsWith("127.0.0.1:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"docker port did not report a 127.0.0.1 binding: '{dockerPortOutput.Trim()}'");
        return new Uri($"http://{line}/");
    }
}
