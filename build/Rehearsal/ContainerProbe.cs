using System.Globalization;
using System.Net.Sockets;
using Engine;
using Images;
using k8s.Models;

namespace Rehearsal;

/// <summary>
/// One run of a rendered probe against a running container, as the kubelet runs it: <c>httpGet</c> passes on a status
/// from 200 to 399, <c>tcpSocket</c> when a connection opens, <c>exec</c> when the command exits 0; each within
/// <c>timeoutSeconds</c> (default 1). The kubelet probes the pod's IP; the rehearsal probes the port docker published
/// on 127.0.0.1 for the same container port. Source: Kubernetes docs, "Configure Liveness, Readiness and Startup Probes".
/// </summary>
public static class ContainerProbe
{
    static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, AllowAutoRedirect = false });

    /// <summary>Defaults of a probe's fields when the render leaves them out (the API server's defaults).</summary>
    public static (int Period, int Timeout, int FailureThreshold, int InitialDelay) Timing(V1Probe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return (probe.PeriodSeconds ?? 10, probe.TimeoutSeconds ?? 1, probe.FailureThreshold ?? 3, probe.InitialDelaySeconds ?? 0);
    }

    /// <summary>Runs the probe once; answers null when it passed, else what it saw.</summary>
    public static async Task<string?> RunAsync(Docker docker, V1Probe probe, V1Container container, string containerName,
        IReadOnlyDictionary<int, int> publishedPorts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(publishedPorts);
        var timeout = TimeSpan.FromSeconds(Timing(probe).Timeout);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            switch (probe)
            {
                case { HttpGet: { } get }:
                    var port = HostPort(container, get.Port.Value, publishedPorts);
                    using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}{get.Path ?? "/"}")))
                    {
                        foreach (var header in get.HttpHeaders ?? [])
                            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
                        using var response = await Http.SendAsync(request, deadline.Token);
                        var status = (int)response.StatusCode;
                        return status is >= 200 and < 400 ? null : $"GET {get.Path} answered {status} {response.ReasonPhrase}";
                    }

                case { TcpSocket: { } tcp }:
                    using (var client = new TcpClient())
                    {
                        await client.ConnectAsync("127.0.0.1", HostPort(container, tcp.Port.Value, publishedPorts), deadline.Token);
                        return null;
                    }

                case { Exec: { } exec }:
                    var result = await docker.RunAsync(["exec", containerName, .. exec.Command ?? []], cancellationToken,
                        allowFailure: true, timeout: timeout);
                    return result.ExitCode == 0 ? null
                        : $"{string.Join(' ', exec.Command ?? [])} exited with {result.ExitCode}: "
                            + $"{(result.StandardOutput + result.StandardError).Trim()}";
                default:
                    throw new RehearsalException($"container {container.Name}: only httpGet, tcpSocket and exec probes are rehearsed");
            }
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException or ProcessFailedException
            && !cancellationToken.IsCancellationRequested)
        {
            return e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : e.Message;
        }
    }

    /// <summary>A probe's port (a number, or the name of a container port) as the host port docker published for it.</summary>
    public static int HostPort(V1Container container, string port, IReadOnlyDictionary<int, int> publishedPorts)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(publishedPorts);
        var containerPort = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : (container.Ports ?? []).FirstOrDefault(p => p.Name == port)?.ContainerPort
              ?? throw new RehearsalException($"container {container.Name}: probe port '{port}' names no container port");
        return publishedPorts.TryGetValue(containerPort, out var hostPort)
            ? hostPort
            : throw new RehearsalException(
                $"container {container.Name}: probe port {containerPort} is not among its declared ports, "
                + "so the rehearsal cannot reach it");
    }

    /// <summary>Reads <c>docker port NAME</c>: lines like <c>8080/tcp -> 127.0.0.1:49153</c>.</summary>
    public static IReadOnlyDictionary<int, int> ParsePublishedPorts(string dockerPortOutput)
    {
        ArgumentNullException.ThrowIfNull(dockerPortOutput);
        var ports = new Dictionary<int, int>();
        foreach (var line in dockerPortOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split("->", 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !parts[1].StartsWith("127.0.0.1:", StringComparison.Ordinal))
                continue;
            var containerPort = int.Parse(parts[0].Split('/')[0], CultureInfo.InvariantCulture);
            ports[containerPort] = int.Parse(parts[1]["127.0.0.1:".Length..], CultureInfo.InvariantCulture);
        }

        return ports;
    }
}
