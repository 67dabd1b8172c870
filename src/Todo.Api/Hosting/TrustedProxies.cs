using Microsoft.AspNetCore.HttpOverrides;

namespace Todo.Api.Hosting;

/// <summary>
/// Believes X-Forwarded-For only from TRUSTED_PROXIES (loopback by default): the frontend's pods, which replace
/// whatever a browser sent with the address they saw. From anyone else the header is ignored, so a client cannot
/// pick the address the sign-in limits count it under.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        // PostConfigure runs after ASP.NET Core's own setup for ASPNETCORE_FORWARDEDHEADERS_ENABLED, which would
        // otherwise trust every sender; with it, that switch can no longer widen the trust.
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<TodoSettings>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // One hop: the frontend. Anything further left in the header was written by the browser.
            options.ForwardLimit = 1;
            // Never empty (loopback by default): empty known lists would make the middleware trust every sender.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in settings.TrustedProxies)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }
}
