using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// Issue 18: how the request limits are keyed and where their edges are. The app runs on real Kestrel over loopback
/// (peer addresses and the server's own body-size limit exist only there) on a throwaway PostgreSQL database.
/// </summary>
public sealed class RequestLimitSpecification : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private readonly List<TodoApiFactory> apps = [];

    [Fact]
    public async Task Sign_in_is_limited_per_address_even_for_callers_holding_a_valid_token()
    {
        // Two accounts signed up from one address (2 of the 5), then each asks again holding its own token.
        var client = await StartAsync(new() { ["RATE_LIMIT_AUTH_PER_MINUTE"] = "5" });
        var alice = await SignUpAsync(client, "alice");
        var bob = await SignUpAsync(client, "bob");

        var statuses = new List<HttpStatusCode>();
        foreach (var (email, token) in new[] { alice, bob, alice, bob })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.SignIn) { Content = JsonContent.Create(new SignInRequest(email, Password)) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task The_request_limit_of_signed_in_callers_is_counted_per_user_not_per_address()
    {
        // The in-memory server gives every request the same (absent) address, like users behind one NAT or proxy:
        // only the user can tell them apart.
        var database = await SharedPostgres.CreateDatabaseAsync();
        var app = TodoApiFactory.OnPostgres(database.Url, new Dictionary<string, string?> { ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "3" });
        apps.Add(app);
        var (alice, _) = await app.SignUpAsync("alice");
        var (bob, _) = await app.SignUpAsync("bob");

        var aliceStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await alice.GetAsync(ApiRoutes.Tasks);
            aliceStatuses.Add(response.StatusCode);
        }

        using var bobsFirst = await bob.GetAsync(ApiRoutes.Tasks);

        aliceStatuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        bobsFirst.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_callers_are_counted_per_address_so_one_address_over_its_limit_leaves_another_free()
    {
        // The in-memory server has no peer address; a test-only first middleware gives each request the one it names.
        var database = await SharedPostgres.CreateDatabaseAsync();
        var app = TodoApiFactory.OnPostgres(database.Url, new Dictionary<string, string?> { ["RATE_LIMIT_AUTH_PER_MINUTE"] = "1" });
        apps.Add(app);
        using var client = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddTransient<IStartupFilter, PeerAddressFromHeader>())).CreateClient();
        async Task<HttpStatusCode> SignInFromAsync(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.SignIn) { Content = JsonContent.Create(new SignInRequest("nobody@example.com", "wrong password")) };
            request.Headers.Add(PeerAddressFromHeader.Header, address);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        HttpStatusCode[] statuses = [await SignInFromAsync("203.0.113.7"), await SignInFromAsync("203.0.113.7"), await SignInFromAsync("203.0.113.8")];

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.Unauthorized]);
    }

    [Fact]
    public async Task Going_over_a_limit_answers_a_429_problem_saying_when_to_retry()
    {
        var client = await StartAsync(new() { ["RATE_LIMIT_AUTH_PER_MINUTE"] = "1" });
        using var first = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest("nobody@example.com", "wrong password"));

        using var refused = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest("nobody@example.com", "wrong password"));

        first.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("title").GetString().ShouldBe("Too many requests");
        problem.GetProperty("detail").GetString().ShouldBe("You are sending requests faster than allowed; wait a moment and try again.");
        // A one-minute fixed window: the wait is what is left of it, in whole seconds.
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_accepted_and_one_byte_more_is_refused_with_413_before_it_is_read()
    {
        var client = await StartAsync(new() { ["MAX_REQUEST_BODY_BYTES"] = "1024" });
        var http = await SignedInAsync(client);

        using var atLimit = await http.PostAsync(ApiRoutes.Tasks, TaskBody(1024));
        using var overLimit = await http.PostAsync(ApiRoutes.Tasks, TaskBody(1025));

        atLimit.StatusCode.ShouldBe(HttpStatusCode.Created, await atLimit.Content.ReadAsStringAsync());
        var problem = await overLimit.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("title").GetString().ShouldBe("Request body too large");
        problem.GetProperty("detail").GetString().ShouldBe("Request bodies are limited to 1024 bytes.");
        overLimit.Headers.ConnectionClose.ShouldBe(true);
        (await http.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_chunked_body_that_grows_past_the_limit_is_refused_with_413_and_stores_nothing()
    {
        var client = await StartAsync(new() { ["MAX_REQUEST_BODY_BYTES"] = "1024" });
        var http = await SignedInAsync(client);
        var body = await TaskBody(4096).ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Tasks) { Content = new UnknownLengthContent(body) };
        // Without a declared length the client would buffer the body and send one; chunked, the server cannot know it up front.
        request.Headers.TransferEncodingChunked = true;
        using var response = await http.SendAsync(request);

        // The same problem as for a declared length: which way the body came is no concern of the client's.
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("title").GetString().ShouldBe("Request body too large");
        problem.GetProperty("detail").GetString().ShouldBe("Request bodies are limited to 1024 bytes.");
        using var list = await Fresh(http).GetAsync(ApiRoutes.Tasks);
        (await list.Content.ReadFromJsonAsync<List<TaskItem>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_chunked_body_too_large_for_the_MCP_endpoint_gets_the_same_413_problem()
    {
        // MCP reads its body itself, not through an endpoint's binding: Kestrel's refusal surfaces as an exception.
        var client = await StartAsync(new() { ["MAX_REQUEST_BODY_BYTES"] = "1024" });
        var http = await SignedInAsync(client);
        var title = new string('x', 4096);
        var call = $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{{\"name\":\"add_task\",\"arguments\":{{\"title\":\"{title}\"}}}}}}";

        using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Mcp) { Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(call)) };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("title").GetString().ShouldBe("Request body too large");
        problem.GetProperty("detail").GetString().ShouldBe("Request bodies are limited to 1024 bytes.");
        using var list = await Fresh(http).GetAsync(ApiRoutes.Tasks);
        (await list.Content.ReadFromJsonAsync<List<TaskItem>>()).ShouldBeEmpty();
    }

    /// <summary>JSON whose length the client does not declare, so it goes chunked and only the server's reading can
    /// find it too large.</summary>
    private sealed class UnknownLengthContent : ByteArrayContent
    {
        public UnknownLengthContent(byte[] body) : base(body) => Headers.ContentType = new MediaTypeHeaderValue("application/json");

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A valid task of exactly this many UTF-8 bytes (the description pads it).</summary>
    private static StringContent TaskBody(int bytes)
    {
        var empty = "{\"title\":\"sized\",\"description\":\"\"}";
        var json = empty.Insert(empty.Length - 2, new string('d', bytes - empty.Length));
        Encoding.UTF8.GetByteCount(json).ShouldBe(bytes);
        return new StringContent(json, Encoding.UTF8, "application/json");
    }

    // After a refused body the server closes that connection; a fresh client keeps the check independent of it.
    private HttpClient Fresh(HttpClient signedIn)
    {
        var client = apps[^1].CreateClient();
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    private async Task<HttpClient> StartAsync(Dictionary<string, string?> settings)
    {
        var database = await SharedPostgres.CreateDatabaseAsync();
        var app = TodoApiFactory.OnPostgres(database.Url, settings);
        app.UseKestrel(0);
        apps.Add(app);
        return app.CreateClient();
    }

    private async Task<HttpClient> SignedInAsync(HttpClient anonymous)
    {
        var (_, token) = await SignUpAsync(anonymous, "limits");
        var client = apps[^1].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<(string Email, string Token)> SignUpAsync(HttpClient client, string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.com";
        using var response = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, Password));
        response.EnsureSuccessStatusCode();
        return (email, (await response.Content.ReadFromJsonAsync<AuthResponse>())!.AccessToken);
    }

    /// <summary>Sets the connection's peer address from a request header before the app's own pipeline runs.</summary>
    private sealed class PeerAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Peer-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(http.Request.Headers[Header].ToString());
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.DisposeAsync();
        }
    }
}
