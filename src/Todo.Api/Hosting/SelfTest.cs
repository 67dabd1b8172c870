using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Todo.Contracts;

namespace Todo.Api.Hosting;

/// <summary>
/// The <c>selftest</c> verb that <c>helm test</c> runs with the app's own (shell-less) image against the Services it is
/// given. It proves what a user's path needs, each part the way its real client uses it:
/// <list type="bullet">
/// <item>the backend: ready, and an authenticated task round trip with a bearer token (how the frontend host, MCP
/// clients and scripts call it);</item>
/// <item>the frontend: ready, serving the UI, and the browser's session flow — sign-up through <c>/bff</c> sets the
/// session cookie, then the task round trip through the <c>/api</c> proxy with that cookie and the anti-forgery header,
/// then sign-out. The proxy replaces any <c>Authorization</c> header with the session's, so a bearer token would not
/// get through it.</item>
/// </list>
/// One line per check; exit code 0 only if all pass.
/// </summary>
public static class SelfTest
{
    public static async Task<int> RunAsync(string? backendUrl, string? frontendUrl, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrWhiteSpace(backendUrl) && string.IsNullOrWhiteSpace(frontendUrl))
        {
            await output.WriteLineAsync("FAIL configuration: set SELFTEST_BACKEND_URL and/or SELFTEST_FRONTEND_URL (e.g. http://todo-backend:8000)");
            return 1;
        }

        var run = new SelfTestRun(output);
        if (!string.IsNullOrWhiteSpace(backendUrl))
            await BackendAsync(run, new Uri(backendUrl.TrimEnd('/') + "/"));
        if (!string.IsNullOrWhiteSpace(frontendUrl))
            await FrontendAsync(run, new Uri(frontendUrl.TrimEnd('/') + "/"));

        await output.WriteLineAsync(run.Failures == 0 ? "selftest passed" : $"selftest failed: {run.Failures} check(s)");
        return run.Failures == 0 ? 0 : 1;
    }

    static async Task BackendAsync(SelfTestRun run, Uri backend)
    {
        using var http = NewClient(backend);
        if (!await run.CheckAsync($"backend ready ({new Uri(backend, ApiRoutes.HealthReady)})", () => ExpectAsync(http, HttpMethod.Get, ApiRoutes.HealthReady)))
            return;

        var auth = await run.CheckAsync("backend: sign up a throwaway user", async () =>
        {
            using var response = await http.PostAsJsonAsync(Relative(ApiRoutes.SignUp), NewUser(), TodoJsonContext.Default.SignUpRequest);
            await EnsureAsync(response, HttpStatusCode.Created, HttpStatusCode.OK);
            return await response.Content.ReadFromJsonAsync(TodoJsonContext.Default.AuthResponse) ?? throw new InvalidDataException("empty sign-up answer");
        });
        if (auth is null)
            return;

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);
        await TaskRoundTripAsync(run, "backend", http, prepare: _ => { });
    }

    static async Task FrontendAsync(SelfTestRun run, Uri frontend)
    {
        // Cookies are carried by hand: the session cookie is Secure when the frontend is reached over TLS, and a cookie
        // jar would then never send it back over the Service's plain HTTP.
        using var http = NewClient(frontend);
        if (!await run.CheckAsync($"frontend ready ({new Uri(frontend, ApiRoutes.HealthReady)})", () => ExpectAsync(http, HttpMethod.Get, ApiRoutes.HealthReady)))
            return;

        await run.CheckAsync("frontend serves the UI (/)", async () =>
        {
            using var response = await http.GetAsync(new Uri("/", UriKind.Relative));
            await EnsureAsync(response, HttpStatusCode.OK);
            var page = await response.Content.ReadAsStringAsync();
            return page.Contains("_framework/blazor.webassembly.js", StringComparison.Ordinal)
                ? true
                : throw new InvalidDataException("the page does not load the Blazor WebAssembly client");
        });

        void Prepare(HttpRequestMessage request)
        {
            request.Headers.TryAddWithoutValidation(BffRoutes.CsrfHeader, BffRoutes.CsrfHeaderValue);
        }

        var session = await run.CheckAsync($"frontend: sign up through {BffRoutes.SignUp} (session cookie set)", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Relative(BffRoutes.SignUp))
            {
                Content = JsonContent.Create(NewUser(), TodoJsonContext.Default.SignUpRequest),
            };
            Prepare(request);
            using var response = await http.SendAsync(request);
            await EnsureAsync(response, HttpStatusCode.OK);
            return SessionCookies(response) ?? throw new InvalidDataException("sign-up answered without setting a cookie");
        });
        if (session is null)
            return;

        http.DefaultRequestHeaders.Add("Cookie", session);
        await run.CheckAsync($"frontend: the session reaches the backend ({ApiRoutes.Me})", () => ExpectAsync(http, HttpMethod.Get, ApiRoutes.Me));
        await TaskRoundTripAsync(run, "frontend", http, Prepare);
        await run.CheckAsync($"frontend: sign out ({BffRoutes.SignOut})", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Relative(BffRoutes.SignOut));
            Prepare(request);
            using var response = await http.SendAsync(request);
            return await EnsureAsync(response, HttpStatusCode.NoContent, HttpStatusCode.OK);
        });
    }

    /// <summary>Create, read back and delete one task, then make sure it is gone.</summary>
    static async Task TaskRoundTripAsync(SelfTestRun run, string via, HttpClient http, Action<HttpRequestMessage> prepare)
    {
        var created = await run.CheckAsync($"{via}: create a task", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Relative(ApiRoutes.Tasks))
            {
                Content = JsonContent.Create(new CreateTaskRequest($"self-test task via {via}"), TodoJsonContext.Default.CreateTaskRequest),
            };
            prepare(request);
            using var response = await http.SendAsync(request);
            await EnsureAsync(response, HttpStatusCode.Created);
            return await response.Content.ReadFromJsonAsync(TodoJsonContext.Default.TaskItem) ?? throw new InvalidDataException("empty task answer");
        });
        if (created is null)
            return;

        await run.CheckAsync($"{via}: read task {created.Id} back", async () =>
        {
            var read = await http.GetFromJsonAsync(Relative(ApiRoutes.Task(created.Id)), TodoJsonContext.Default.TaskItem);
            return read?.Title == created.Title ? read : throw new InvalidDataException($"read back '{read?.Title}', expected '{created.Title}'");
        });
        await run.CheckAsync($"{via}: delete task {created.Id}", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, Relative(ApiRoutes.Task(created.Id)));
            prepare(request);
            using var response = await http.SendAsync(request);
            return await EnsureAsync(response, HttpStatusCode.NoContent, HttpStatusCode.OK);
        });
        await run.CheckAsync($"{via}: task {created.Id} is gone", () => ExpectAsync(http, HttpMethod.Get, ApiRoutes.Task(created.Id), HttpStatusCode.NotFound));
    }

    static HttpClient NewClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(15),
        };

    static SignUpRequest NewUser() =>
        new($"selftest-{Guid.NewGuid():N}@selftest.invalid", $"St!{Convert.ToBase64String(Guid.NewGuid().ToByteArray())}", "Self test");

    /// <summary>The cookies a response set, as one <c>Cookie</c> request header value (name=value pairs only).</summary>
    static string? SessionCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? string.Join("; ", values.Select(value => value.Split(';', 2)[0].Trim()).Where(pair => pair.Contains('=', StringComparison.Ordinal)))
            : null;

    static async Task<bool> ExpectAsync(HttpClient http, HttpMethod method, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, Relative(path));
        using var response = await http.SendAsync(request);
        return await EnsureAsync(response, expected);
    }

    /// <summary>Passes when the status is one of those expected; otherwise fails with the status and the start of the body.</summary>
    static async Task<bool> EnsureAsync(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        if (expected.Contains(response.StatusCode))
            return true;
        var body = await response.Content.ReadAsStringAsync();
        throw new HttpRequestException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode} {response.ReasonPhrase}, "
            + $"expected {string.Join(" or ", expected.Select(status => (int)status))}: {body[..Math.Min(body.Length, 300)]}");
    }

    static Uri Relative(string path) => new(path.TrimStart('/'), UriKind.Relative);

    /// <summary>Counts failures and prints one line per check.</summary>
    sealed class SelfTestRun(TextWriter output)
    {
        public int Failures { get; private set; }

        public async Task<T?> CheckAsync<T>(string name, Func<Task<T>> probe)
        {
            try
            {
                var result = await probe();
                await output.WriteLineAsync($"ok   {name}");
                return result;
            }
#pragma warning disable CA1031 // A self-test reports every failure as a line, whatever its cause.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Failures++;
                await output.WriteLineAsync($"FAIL {name}: {e.GetType().Name}: {e.Message}");
                return default;
            }
        }
    }
}
