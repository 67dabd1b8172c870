namespace Todo.Api.Accounts;

/// <summary>
/// AddAuthentication registers ASP.NET Core Data Protection, and with it a hosted service that loads (and, the first
/// time, creates and writes) a key ring on every start: about 50 ms of XML and cryptography before the pod is ready.
/// Nothing in this app protects data with it: tokens are JWTs signed with <see cref="SigningKeyring"/>. Without the
/// preload the key ring would load on first use, which the service's own source allows for ("the KeyRingProvider may be
/// able to try again on the first request", DataProtectionHostedService.StartAsync).
/// </summary>
public static class DataProtectionPreload
{
    /// <summary>The service is internal to ASP.NET Core, so it is known by name; were it renamed, the preload would stay
    /// (harmless), and StartupWorkSpecification fails.</summary>
    public const string HostedServiceTypeName = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    public static IServiceCollection WithoutDataProtectionPreload(this IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.FullName == HostedServiceTypeName)
            {
                services.RemoveAt(i);
            }
        }

        return services;
    }
}
