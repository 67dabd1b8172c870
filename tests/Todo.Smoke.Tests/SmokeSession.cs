using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Todo.Contracts;

namespace Todo.Smoke.Tests;

/// <summary>
/// One user's browser, as the suite plays it: a cookie jar against the frontend, plus what earlier checks created
/// that later checks read back. Each run signs up a new user, so runs never see each other's tasks.
/// </summary>
public sealed class SmokeSession : IDisposable
{
    readonly HttpClient frontend;

    public SmokeSession()
    {
        FrontendUrl = SmokeEndpoints.Frontend;
        frontend = NewClient(FrontendUrl, Cookies);
        Email = $"smoke-{Guid.NewGuid():N}@example.test";
    }

    public Uri FrontendUrl { get; }

    public CookieContainer Cookies { get; } = new();

    public string Email { get; }

    // Random per run; Exchange redacts it from every printed request body.
    public string Password { get; } = $"Sm0ke!{Guid.NewGuid():N}";

    public bool SignedIn { get; set; }

    /// <summary>The task the create → list → update → complete → delete checks walk through.</summary>
    public int? LifecycleTaskId { get; set; }

    /// <summary>The chat checks talk in one conversation, as a user would.</summary>
    public Guid? ConversationId { get; set; }

    public Task<Exchange> SendAsync(HttpMethod method, string path) => SendAsync(frontend, method, path, null);

    public Task<Exchange> SendAsync<T>(HttpMethod method, string path, T body, JsonTypeInfo<T> type) =>
        SendAsync(frontend, method, path, JsonContent.Create(body, type));

    /// <summary>A request on a connection of its own, carrying the same session cookie, as a new browser tab would.</summary>
    public async Task<Exchange> SendOnNewConnectionAsync(HttpMethod method, string path)
    {
        using var client = NewClient(FrontendUrl, Cookies);
        return await SendAsync(client, method, path, null);
    }

    public static async Task<Exchange> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        FrontendAuth.Prepare(request);
        return await Exchange.SendAsync(client, request, CancellationToken.None);
    }

    /// <summary>
    /// Signs up (or reuses the session an earlier check made), so a check run on its own still has a user.
    /// </summary>
    public async Task EnsureSignedInAsync()
    {
        if (SignedIn)
            return;
        var exchange = await SendAsync(HttpMethod.Post, FrontendAuth.SignUp, new SignUpRequest(Email, Password, "Smoke"), TodoJsonContext.Default.SignUpRequest);
        exchange.ShouldBe(exchange.Status is HttpStatusCode.OK or HttpStatusCode.Created, "the sign-up to succeed (200/201)");
        SignedIn = true;
    }

    public static HttpClient NewClient(Uri baseAddress, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public void Dispose() => frontend.Dispose();
}
