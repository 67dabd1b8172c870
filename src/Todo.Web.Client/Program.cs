using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Todo.Web.Client;
using Todo.Web.Client.Api;
using Todo.Web.Client.Session;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");

// Same origin as the page: the host answers /bff itself and forwards /api, so the client needs no backend URL.
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddScoped<TodoApi>();
builder.Services.AddScoped<SessionState>();

await builder.Build().RunAsync();
