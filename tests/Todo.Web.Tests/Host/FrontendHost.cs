using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Todo.Web.Tests.Host;

/// <summary>
/// The real Todo.Web host, in process, configured the way a container is: BACKEND_URL given at run time, Production
/// environment (so the cache headers are the ones users get). The client files come from the build's static web
/// assets, exactly what publish copies into the image.
/// </summary>
public sealed class FrontendHost(Uri backendUrl, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("BACKEND_URL", backendUrl.ToString());
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.UseStaticWebAssets();
        // The build's manifest carries the same Cache-Control per file as the published one (immutable for
        // fingerprinted files, no-cache for the rest); MapStaticAssets only blanks it for a build output unless told
        // not to, so hot reload works. Serve what the image serves.
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    /// <summary>A browser-like client: no cookie jar of its own (tests pass cookies explicitly), no redirects.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
}
