using Microsoft.AspNetCore.DataProtection;
using Microsoft.Net.Http.Headers;
using Todo.Contracts;
using Todo.Hosting;
using Todo.Web.Health;
using Todo.Web.Proxy;
using Todo.Web.Security;
using Todo.Web.Session;
using Yarp.ReverseProxy.Configuration;

var builder = WebApplication.CreateBuilder(args);

// One JSON object per line on stdout, like the backend, so the cluster's log pipeline reads both the same way.
builder.Logging.ClearProviders().AddJsonConsole(options =>
{
    options.UseUtcTimestamp = true;
    options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
});

// Resolved from configuration after the host is built, i.e. at run time: BACKEND_URL comes from the environment
// of the container, not from the image.
builder.Services.AddSingleton(services => BackendAddress.From(services.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton<IProxyConfigProvider, BackendProxyConfig>();
builder.Services.AddSingleton(services => RequestBodyLimit.From(services.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton(services => SessionCookieSettings.From(services.GetRequiredService<IConfiguration>()));
builder.Services.AddTrustedProxies();
builder.Services.AddSingleton(TimeProvider.System);
// A year, without preload: preloading is a promise about every subdomain that only the domain's owner can make.
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
builder.Services.AddReverseProxy().AddTransforms(SessionTransforms.Apply);
builder.Services.AddHttpClient(SessionEndpoints.BackendClient, (services, client) =>
{
    client.BaseAddress = services.GetRequiredService<BackendAddress>().Uri;
    client.Timeout = TimeSpan.FromSeconds(30);
});
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, TodoJsonContext.Default));
builder.Services.AddProblemDetails();
// Nothing this host keeps needs Data Protection (the session cookie is the backend's own signed token), but YARP's
// affinity support asks for a provider at start-up: an in-memory one keeps replicas stateless and avoids writing keys.
builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
builder.Services.AddFrontendHealthChecks();
builder.Services.AddShutdownDrain();

var app = builder.Build();

// Fail at start-up, with a message saying what to set, rather than on the first proxied request.
var backend = app.Services.GetRequiredService<BackendAddress>();
_ = app.Services.GetRequiredService<RequestBodyLimit>();
_ = app.Services.GetRequiredService<SessionCookieSettings>();
_ = TrustedProxies.Parse(app.Configuration[TrustedProxies.ConfigurationKey]);
app.Logger.LogInformation("Forwarding {Prefix} to {Backend}", ApiRoutes.Prefix, backend.Uri);

// First, so everything after sees the real client address and scheme (from a proxy in TRUSTED_PROXIES only).
app.UseForwardedHeaders();
app.UseConnectionCloseWhileDraining();
app.UseExceptionHandler();
app.UseStatusCodePages();
// Strict-Transport-Security on HTTPS answers only (never over plain HTTP, never for localhost), outside Development.
if (!app.Environment.IsDevelopment())
    app.UseHsts();
app.UseMiddleware<SecurityHeaders>();
app.UseMiddleware<CsrfGuard>();
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseMiddleware<TokenRoutesGuard>();
app.UseMiddleware<SessionRenewal>();

app.MapFrontendHealthChecks();
app.MapSessionEndpoints();
app.MapReverseProxy();
// An unknown path under the host's own routes is not a page: a 404, never the app's index.html. Otherwise a probe of a
// wrong health path would pass (the rehearsal found the chart's faults.frontendUnready going unnoticed that way).
foreach (var prefix in new[] { "/health", BffRoutes.Prefix })
    app.Map(prefix + "/{**rest}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found"));

// Fingerprinted files (the _framework, the stylesheet) are served precompressed (Brotli/gzip) and cached as immutable;
// the rest is revalidated on every load.
app.MapStaticAssets();
app.MapFallbackToFile("index.html", new StaticFileOptions
{
    // index.html names the fingerprinted files of this build: browsers must revalidate it on every visit.
    OnPrepareResponse = file => file.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
});

app.Run();

public partial class Program;
