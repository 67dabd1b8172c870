using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Images;
using Todo.Contracts;
using Xunit.Abstractions;

namespace Images.Tests;

/// <summary>Each built image, started as a container with nothing but its own defaults (ports on 127.0.0.1).</summary>
public sealed class RunningImageTests(ITestOutputHelper output) : IAsyncLifetime
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    readonly List<string> _containers = [];

    public static TheoryData<string> Images => [.. ImageCatalog.All.Select(i => i.Name)];

    async Task<(string Container, Uri Address)> StartAsync(string name)
    {
        var image = ImageCatalog.All.Single(i => i.Name == name);
        var built = BuiltImages.Manifest[name];
        var container = await BuiltImages.Docker.StartContainerAsync(built.Reference, image.Port, image.StandaloneSettings, CancellationToken.None);
        _containers.Add(container);
        var port = await BuiltImages.Docker.PublishedPortAsync(container, image.Port, CancellationToken.None);
        return (container, new Uri($"http://127.0.0.1:{port}"));
    }

    static async Task<TimeSpan> WaitUntilLiveAsync(string container, Uri address)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < BuiltImages.StartBudget)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(address, ApiRoutes.HealthLive));
                if (response.StatusCode == HttpStatusCode.OK)
                    return stopwatch.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(50);
        }

        Assert.Fail($"no 200 from {ApiRoutes.HealthLive} within {BuiltImages.StartBudget.TotalSeconds} s. Container log:\n{await BuiltImages.Docker.LogsAsync(container, CancellationToken.None)}");
        return stopwatch.Elapsed;
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task The_container_answers_health_live_soon_after_it_starts(string name)
    {
        var (container, address) = await StartAsync(name);

        var elapsed = await WaitUntilLiveAsync(container, address);

        output.WriteLine($"{name}: /health/live answered 200 after {elapsed.TotalSeconds:0.00} s");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task The_app_runs_as_uid_1654_never_root(string name)
    {
        var (container, address) = await StartAsync(name);
        await WaitUntilLiveAsync(container, address);

        var uids = await BuiltImages.Docker.ProcessUserIdsAsync(container, CancellationToken.None);

        Assert.NotEmpty(uids);
        Assert.All(uids, uid => Assert.Equal("1654", uid));
        Assert.Equal("1654", (await BuiltImages.Docker.InspectImageAsync(BuiltImages.Manifest[name].Reference, CancellationToken.None))!.User);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task There_is_no_shell_or_package_manager_to_run(string name)
    {
        var (container, address) = await StartAsync(name);
        await WaitUntilLiveAsync(container, address);

        foreach (var program in new[] { "/bin/sh", "/bin/bash", "/usr/bin/apt-get", "/usr/bin/dpkg" })
        {
            var result = await BuiltImages.Docker.ExecAsync(container, [program, "-c", "true"], CancellationToken.None);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("no such file or directory", result.StandardOutput + result.StandardError, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_backend_image_serves_a_real_request_signing_up_and_creating_a_task()
    {
        var (container, address) = await StartAsync(ImageCatalog.Backend.Name);
        await WaitUntilLiveAsync(container, address);

        using var signUp = await Http.PostAsJsonAsync(new Uri(address, ApiRoutes.SignUp), new SignUpRequest("image-test@example.com", "Correct-Horse-Battery-9"));
        Assert.True(signUp.IsSuccessStatusCode, $"sign-up answered {(int)signUp.StatusCode}: {await signUp.Content.ReadAsStringAsync()}");
        var auth = await signUp.Content.ReadFromJsonAsync<AuthResponse>();
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(address, ApiRoutes.Tasks)) { Content = JsonContent.Create(new { title = "ship the image" }) };
        create.Headers.Authorization = new("Bearer", auth!.AccessToken);
        using var created = await Http.SendAsync(create);

        Assert.True(created.IsSuccessStatusCode, $"creating a task answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        Assert.Contains("ship the image", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_frontend_image_serves_the_browser_app()
    {
        var (container, address) = await StartAsync(ImageCatalog.Frontend.Name);
        await WaitUntilLiveAsync(container, address);

        using var page = await Http.GetAsync(address);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("_framework/blazor.webassembly", html, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var container in _containers)
            await BuiltImages.Docker.RemoveContainerAsync(container, CancellationToken.None);
    }
}
