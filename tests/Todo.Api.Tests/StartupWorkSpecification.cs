using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Todo.Api.Accounts;
using Todo.Api.Tests.Infrastructure;
using Todo.Hosting;

namespace Todo.Api.Tests;

/// <summary>Work the backend leaves out of its start-up because nothing it does needs it (docs/images.md, start-up time).</summary>
[Collection(SharedSqliteApp.Name)]
public sealed class StartupWorkSpecification(SqliteApi app)
{
    [Fact]
    public void The_app_does_not_preload_a_data_protection_key_ring_it_never_uses()
    {
        var preload = typeof(Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions).Assembly.GetType(DataProtectionPreload.HostedServiceTypeName);
        var services = app.Factory.Services;

        preload.ShouldNotBeNull("ASP.NET Core renamed its data protection hosted service: update DataProtectionPreload.HostedServiceTypeName");
        services.GetServices<IHostedService>().ShouldNotContain(service => service.GetType() == preload);
        services.GetServices<IHostedService>().ShouldContain(service => service is ShutdownDrain, "the app's own hosted services stay");
        services.GetRequiredService<IDataProtectionProvider>().ShouldNotBeNull("Data protection itself stays available");
    }
}
