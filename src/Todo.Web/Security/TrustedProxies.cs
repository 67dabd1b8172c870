using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Todo.Web.Security;

/// <summary>
/// Which X-Forwarded-For / X-Forwarded-Proto this host believes: only those sent by TRUSTED_PROXIES (the ingress
/// controller's addresses or networks, comma-separated). By default nobody's, because a browser can send the headers
/// too. The host then tells the backend the client's address itself (YARP replaces, never appends, X-Forwarded-For),
/// so the backend's sign-in limits count real clients and a client cannot choose the address it is counted under.
/// </summary>
public static class TrustedProxies
{
    public const string ConfigurationKey = "TRUSTED_PROXIES";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        // PostConfigure runs after ASP.NET Core's setup for ASPNETCORE_FORWARDEDHEADERS_ENABLED, which trusts everyone.
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IConfiguration>((options, configuration) =>
        {
            var trusted = Parse(configuration[ConfigurationKey]);
            // Empty known lists would mean "trust every sender" to the middleware, so no trusted proxy means no
            // forwarded header is read at all.
            options.ForwardedHeaders = trusted.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in trusted)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    public static IReadOnlyList<System.Net.IPNetwork> Parse(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry =>
                System.Net.IPNetwork.TryParse(entry, out var network) ? network
                : IPAddress.TryParse(entry, out var address) ? new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8)
                : throw new InvalidOperationException(
                    $"{ConfigurationKey} must list IP addresses or CIDR networks separated by commas (e.g. 10.0.0.0/8), not '{entry}'."))
            .ToArray();
}
