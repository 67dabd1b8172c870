using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s;

namespace Cluster;

/// <summary>A local TCP port that relays every connection to one port of one pod through the API server's
/// port-forward WebSocket (<c>v4.channel.k8s.io</c>: each frame starts with its channel byte; channel 0 carries the
/// data of the first forwarded port, channel 1 its errors; the server opens both by sending the port number). One
/// WebSocket per TCP connection, as kubectl does, so concurrent and keep-alive HTTP connections each get their own
/// stream. No kubectl needed.</summary>
public sealed class PodPortForward : IAsyncDisposable
{
    public const string ChannelProtocol = "v4.channel.k8s.io";

    readonly IKubernetes client;
    readonly string ns;
    readonly string pod;
    readonly int remotePort;
    readonly Action<string> onError;
    readonly TcpListener listener;
    readonly CancellationTokenSource stop = new();
    readonly Task acceptLoop;
    int connections;

    PodPortForward(IKubernetes client, string ns, string pod, int remotePort, Action<string> onError)
    {
        this.client = client;
        this.ns = ns;
        this.pod = pod;
        this.remotePort = remotePort;
        this.onError = onError;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        LocalPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptLoopAsync();
    }

    public int LocalPort { get; }

    public Uri LocalUrl => new($"http://127.0.0.1:{LocalPort}/");

    public string Target => $"pod/{pod}:{remotePort} in namespace {ns}";

    /// <summary>How many local connections have been relayed so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <param name="onError">Receives what the API server reports on the error channel (for example that nothing
    /// listens on the pod's port), and relay failures; the relay itself keeps accepting.</param>
    public static PodPortForward Start(IKubernetes client, string ns, string pod, int remotePort, Action<string> onError)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        ArgumentException.ThrowIfNullOrWhiteSpace(pod);
        ArgumentNullException.ThrowIfNull(onError);
        return new PodPortForward(client, ns, pod, remotePort, onError);
    }

    async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            _ = RelayAsync(connection);
        }
    }

    async Task RelayAsync(TcpClient connection)
    {
        using var _ = connection;
        try
        {
            using var socket = await client.WebSocketNamespacedPodPortForwardAsync(
                pod, ns, [remotePort], ChannelProtocol, cancellationToken: stop.Token);
            using var demuxer = new StreamDemuxer(socket, StreamType.PortForward);

            // Streams must exist before the demuxer starts reading, or the first frames have nowhere to go. Reading
            // and writing use separate half-streams: one duplex stream per channel stops after the first exchange.
            var fromPod = demuxer.GetStream((byte?)0, null);
            var toPod = demuxer.GetStream(null, (byte?)0);
            var errors = demuxer.GetStream((byte?)1, null);
            demuxer.Start();

            var local = connection.GetStream();
            var upstream = CopyAsync(local, toPod);
            var downstream = CopyAsync(fromPod, local);
            var errorText = ReadErrorsAsync(errors);

            // Either side ending ends the connection: v4 has no half-close.
            await Task.WhenAny(upstream, downstream);
            var error = await Task.WhenAny(errorText, Task.Delay(TimeSpan.FromMilliseconds(200))) == errorText ? errorText.Result : "";
            if (error.Length > 0)
            {
                onError($"port-forward to {Target}: {error}");
            }
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            onError($"port-forward to {Target} failed: {e.Message}");
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Shutting down: connections in flight end with the relay.
        }
    }

    async Task CopyAsync(Stream from, Stream to)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await from.ReadAsync(buffer, stop.Token)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            await to.FlushAsync(stop.Token);
        }
    }

    async Task<string> ReadErrorsAsync(Stream errors)
    {
        using var reader = new StreamReader(errors, Encoding.UTF8);
        return (await reader.ReadToEndAsync(stop.Token)).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await acceptLoop;
        stop.Dispose();
    }
}
