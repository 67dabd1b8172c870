using System.Net;
using System.Net.Sockets;
using Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Build.Tests.Images;

/// <summary>ImageStartup's load generator against a real Kestrel on loopback: what it counts, when it stops, what it
/// keeps of the resident-memory samples, and how it fails.</summary>
public sealed class ImageLoadTests : IAsyncLifetime
{
    static readonly Func<CancellationToken, Task<long>> NoMemory = _ => Task.FromResult(0L);
    WebApplication server = null!;
    Uri site = null!;
    int answered;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        server = builder.Build();
        server.MapGet("/ok", () =>
        {
            Interlocked.Increment(ref answered);
            return Results.Text("fine");
        });
        server.MapGet("/limited", () => Interlocked.Increment(ref answered) > 5
            ? Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests for this user")
            : Results.Text("fine"));
        server.MapPost("/signup", () => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The password is too short"));
        await server.StartAsync();
        site = new Uri(server.Urls.Single());
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    static LoadWorkload Get(string path) => new($"GET {path}")
    {
        IterationAsync = async (client, token) =>
        {
            using (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), token))
            {
            }
        },
    };

    [Fact]
    public async Task Every_request_of_every_client_is_counted_for_the_time_asked_and_the_highest_memory_sample_is_kept()
    {
        long[] resident = [40_000_000, 75_000_000, 52_000_000];
        var sampled = 0;

        var load = await ImageLoad.RunAsync(site, Get("/ok"), workers: 4, TimeSpan.FromSeconds(1),
            _ => Task.FromResult(resident[Math.Min(Interlocked.Increment(ref sampled) - 1, resident.Length - 1)]), CancellationToken.None);

        Assert.Equal(answered, load.Requests);
        // Each client at least once, however busy the machine (a cold Kestrel on a loaded machine can take the whole second).
        Assert.True(load.Requests >= 4, $"{load.Requests} requests in a second from 4 clients");
        Assert.Equal(0, load.Failures);
        Assert.Null(load.FailureMessage("todo-frontend"));
        Assert.Equal(4, load.Workers);
        Assert.InRange(load.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        // One sample at the start, one every 250 ms of the second, one when the clients have finished.
        Assert.True(sampled >= 3, $"{sampled} samples");
        Assert.Equal(sampled, load.ResidentSamples);
        Assert.Equal(75_000_000, load.PeakResidentBytes);
    }

    [Fact]
    public async Task A_non_2xx_answer_fails_the_measurement_naming_the_request_and_what_came_back()
    {
        var load = await ImageLoad.RunAsync(site, Get("/limited"), workers: 2, TimeSpan.FromMilliseconds(300), NoMemory, CancellationToken.None);

        Assert.Equal(answered, load.Requests);
        Assert.Equal(answered - 5, load.Failures);
        var message = load.FailureMessage("todo-backend");
        Assert.NotNull(message);
        Assert.StartsWith($"todo-backend: {load.Failures} of {load.Requests} requests failed under load (2 clients, ", message, StringComparison.Ordinal);
        Assert.Contains("first: GET /limited → 429 Too Many Requests: ", message, StringComparison.Ordinal);
        Assert.Contains("Too many requests for this user", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_that_does_not_answer_fails_the_measurement()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        listener.Stop();

        var load = await ImageLoad.RunAsync(closed, Get("/ok"), workers: 2, TimeSpan.FromMilliseconds(100), NoMemory, CancellationToken.None);

        Assert.True(load.Requests >= 2, $"{load.Requests} requests from 2 clients");
        Assert.Equal(load.Requests, load.Failures);
        Assert.Contains("first: GET /ok → no answer (HttpRequestException: ", load.FailureMessage("todo-frontend"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workload_that_breaks_is_a_failure_not_an_endless_loop()
    {
        var broken = new LoadWorkload("todo-backend: create, list, delete tasks")
        {
            IterationAsync = async (client, token) =>
            {
                using (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ok"), token))
                {
                }

                throw new InvalidDataException("POST /api/tasks answered 201 without a task");
            },
        };

        var load = await ImageLoad.RunAsync(site, broken, workers: 3, TimeSpan.FromSeconds(10), NoMemory, CancellationToken.None);

        Assert.Equal(3, load.Requests);
        Assert.Equal(3, load.Failures);
        Assert.Contains("an iteration threw InvalidDataException: POST /api/tasks answered 201 without a task", load.FirstFailure, StringComparison.Ordinal);
        Assert.True(load.Elapsed < TimeSpan.FromSeconds(10), $"stopped after {load.Elapsed}, not at the end of the 10 s");
    }

    [Fact]
    public async Task A_preparation_that_fails_stops_the_load_before_it_starts()
    {
        var workload = Get("/ok") with
        {
            PrepareAsync = async (client, token) =>
            {
                using (await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/signup"), token))
                {
                }
            },
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ImageLoad.RunAsync(site, workload, workers: 2, TimeSpan.FromSeconds(1), NoMemory, CancellationToken.None));

        Assert.Equal(0, answered);
        Assert.Contains("GET /ok: preparing the load failed: POST /signup → 400 Bad Request: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("The password is too short", error.Message, StringComparison.Ordinal);
    }
}
