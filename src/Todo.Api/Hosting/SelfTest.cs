using System.Net.Http.Json;
using System.Net.Http.Headers;
using Todo.Contracts;

namespace Todo.Api.Hosting;

/// <summary>
/// The <c>selftest</c> verb that <c>helm test</c> runs with the app's own (shell-less) image: probes readiness of the
/// backend and the frontend, then signs up a throwaway user and creates, reads and deletes a task through the
/// frontend's /api proxy (or the backend directly). One line per check; exit code 0 only if all pass.
/// </summary>
public static class SelfTest
{
    public static async Task<int> RunAsync(string? backendUrl, string? frontendUrl, TextWriter output)
    {
        if (string.IsNullOrWhiteSpace(backendUrl) && string.IsNullOrWhiteSpace(frontendUrl))
        {
            await output.WriteLineAsync("FAIL configuration: set SELFTEST_BACKEND_URL and/or SELFTEST_FRONTEND_URL (e.g. http://todo-api:8000)");
            return 1;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var failures = 0;
        async Task<T?> Check<T>(string name, Func<Task<T>> probe)
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
                failures++;
                await output.WriteLineAsync($"FAIL {name}: {e.GetType().Name}: {e.Message}");
                return default;
            }
        }

        foreach (var (service, url) in new[] { ("backend", backendUrl), ("frontend", frontendUrl) })
        {
            if (!string.IsNullOrWhiteSpace(url))
            {
                await Check($"{service} ready ({Combine(url, ApiRoutes.HealthReady)})", async () =>
                {
                    using var response = await http.GetAsync(Combine(url, ApiRoutes.HealthReady));
                    return response.EnsureSuccessStatusCode();
                });
            }
        }

        var api = !string.IsNullOrWhiteSpace(frontendUrl) ? frontendUrl : backendUrl!;
        var json = TodoJsonContext.Default;
        var email = $"selftest-{Guid.NewGuid():N}@selftest.invalid";
        var auth = await Check($"sign up a throwaway user via {api}", async () =>
        {
            using var response = await http.PostAsJsonAsync(Combine(api, ApiRoutes.SignUp),
                new SignUpRequest(email, Convert.ToBase64String(Guid.NewGuid().ToByteArray()), "Self test"), json.SignUpRequest);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync(json.AuthResponse) ?? throw new InvalidDataException("empty sign-up answer");
        });
        if (auth is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);
            var created = await Check("create a task", async () =>
            {
                using var response = await http.PostAsJsonAsync(Combine(api, ApiRoutes.Tasks), new CreateTaskRequest("self-test task"), json.CreateTaskRequest);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync(json.TaskItem) ?? throw new InvalidDataException("empty task answer");
            });
            if (created is not null)
            {
                await Check($"read task {created.Id}", async () =>
                {
                    var read = await http.GetFromJsonAsync(Combine(api, ApiRoutes.Task(created.Id)), json.TaskItem);
                    return read?.Title == created.Title ? read : throw new InvalidDataException($"read back '{read?.Title}'");
                });
                await Check($"delete task {created.Id}", async () =>
                {
                    using var response = await http.DeleteAsync(Combine(api, ApiRoutes.Task(created.Id)));
                    return response.EnsureSuccessStatusCode();
                });
            }
        }

        await output.WriteLineAsync(failures == 0 ? "selftest passed" : $"selftest failed: {failures} check(s)");
        return failures == 0 ? 0 : 1;
    }

    private static Uri Combine(string baseUrl, string path) => new(baseUrl.TrimEnd('/') + path);
}
