using Microsoft.Extensions.Primitives;
using Todo.Contracts;
using Yarp.ReverseProxy.Configuration;

namespace Todo.Web.Proxy;

/// <summary>One route, <c>/api/**</c>, to one cluster, the backend. Built from <see cref="BackendAddress"/> in code.</summary>
public sealed class BackendProxyConfig(BackendAddress backend) : IProxyConfigProvider
{
    public const string ClusterId = "backend";

    private readonly Snapshot snapshot = new(
        [
            new RouteConfig
            {
                RouteId = "api",
                ClusterId = ClusterId,
                Match = new RouteMatch { Path = ApiRoutes.Prefix + "/{**rest}" },
            },
        ],
        [
            new ClusterConfig
            {
                ClusterId = ClusterId,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["backend"] = new() { Address = backend.Uri.ToString() },
                },
                HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig
                {
                    // The chat may wait on a language model; everything else is quick.
                    ActivityTimeout = TimeSpan.FromSeconds(120),
                },
            },
        ]);

    public IProxyConfig GetConfig() => snapshot;

    private sealed class Snapshot(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
    {
        public IReadOnlyList<RouteConfig> Routes => routes;

        public IReadOnlyList<ClusterConfig> Clusters => clusters;

        // The address is fixed for the life of the process: nothing ever changes.
        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(CancellationToken.None);
    }
}
