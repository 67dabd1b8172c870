using System.Net;
using Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Build.Tests.Cluster;

/// <summary>The port-forward relay against <see cref="FakeApiServer"/>, whose WebSocket speaks v4.channel.k8s.io and
/// relays to a real HTTP server playing the pod. It proves the framing, one WebSocket per connection, keep-alive and
/// concurrent connections, and error-channel reporting; only a real API server and kubelet prove authentication,
/// TLS and the kubelet's own stream handling.</summary>
public class PodPortForwardTests
{
    [Fact]
    public async Task Http_through_the_forward_reaches_the_pod_on_kept_alive_and_concurrent_connections()
    {
        await using var pod = await PodServer.StartAsync();
        await using var server = await FakeApiServer.StartAsync();
        server.MapPod("todo", "todo-frontend-6d8-x2", 8080, pod.EndPoint);
        var errors = new List<string>();
        await using var forward = PodPortForward.Start(server.Client(), "todo", "todo-frontend-6d8-x2", 8080, errors.Add);

        using var first = new HttpClient { BaseAddress = forward.LocalUrl, Timeout = TimeSpan.FromSeconds(20) };
        using var second = new HttpClient { BaseAddress = forward.LocalUrl, Timeout = TimeSpan.FromSeconds(20) };
        var a = await first.GetStringAsync("hello?n=1");
        var b = await first.GetStringAsync("hello?n=2"); // same kept-alive connection
        var concurrent = await Task.WhenAll(first.GetStringAsync("hello?n=3"), second.GetStringAsync("hello?n=4"));

        Assert.Equal("pod answers n=1", a);
        Assert.Equal("pod answers n=2", b);
        Assert.Equal(["pod answers n=3", "pod answers n=4"], concurrent);
        Assert.True(server.PortForwardSessions >= 2, "each local connection gets a WebSocket of its own");
        Assert.Equal(server.PortForwardSessions, forward.Connections);
        Assert.All(server.OfferedProtocols, p => Assert.Equal(PodPortForward.ChannelProtocol, p));
        Assert.Contains(server.Requests, r => r == "/api/v1/namespaces/todo/pods/todo-frontend-6d8-x2/portforward?ports=8080");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_body_larger_than_one_frame_arrives_whole()
    {
        await using var pod = await PodServer.StartAsync();
        await using var server = await FakeApiServer.StartAsync();
        server.MapPod("todo", "p", 8080, pod.EndPoint);
        await using var forward = PodPortForward.Start(server.Client(), "todo", "p", 8080, _ => { });
        using var client = new HttpClient { BaseAddress = forward.LocalUrl, Timeout = TimeSpan.FromSeconds(20) };

        var body = await client.GetByteArrayAsync("big");

        Assert.Equal(PodServer.BigBody, body);
    }

    [Fact]
    public async Task When_nothing_listens_on_the_pods_port_the_error_channel_message_is_reported()
    {
        await using var server = await FakeApiServer.StartAsync();
        var errors = new List<string>();
        await using var forward = PodPortForward.Start(server.Client(), "todo", "todo-frontend-1", 8080, e =>
        {
            lock (errors)
            {
                errors.Add(e);
            }
        });
        using var client = new HttpClient { BaseAddress = forward.LocalUrl, Timeout = TimeSpan.FromSeconds(20) };

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetStringAsync("hello"));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (errors.Count == 0)
        {
            await Task.Delay(20, patience.Token);
        }

        // HttpClient may retry a connection that closed before any response, so there can be several; each says why.
        lock (errors)
        {
            Assert.All(errors, error => Assert.StartsWith(
                "port-forward to pod/todo-frontend-1:8080 in namespace todo: an error occurred forwarding 8080 -> 8080", error, StringComparison.Ordinal));
        }
    }

    /// <summary>A real HTTP server on loopback standing in for the pod's container.</summary>
    sealed class PodServer(WebApplication app) : IAsyncDisposable
    {
        public static readonly byte[] BigBody = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i % 251))];

        public IPEndPoint EndPoint { get; private set; } = null!;

        public static async Task<PodServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/hello", (HttpRequest request) => $"pod answers n={request.Query["n"]}");
            app.MapGet("/big", () => Results.Bytes(BigBody, "application/octet-stream"));
            await app.StartAsync();
            var url = new Uri(app.Urls.Single());
            return new PodServer(app) { EndPoint = new IPEndPoint(IPAddress.Loopback, url.Port) };
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
