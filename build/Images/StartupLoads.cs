using Engine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Todo.Contracts;

namespace Images;

/// <summary>The load ImageStartup drives against each image to measure its resident memory under load.</summary>
public static class StartupLoads
{
    /// <summary>Tasks on the list before the load starts: as many as the Benchmark lists.</summary>
    const int SeededTasks = 20;

    /// <summary>The Benchmark's operations (tests/Todo.Api.Benchmark: task list and create) for one signed-up user,
    /// each client creating a task, listing the tasks and deleting the one it created: the list stays at the seeded 20
    /// plus one per client, so the memory measured does not grow with how many tasks a faster machine managed to create.</summary>
    public static LoadWorkload Backend { get; } = new("todo-backend: create, list, delete tasks")
    {
        ContainerSettings = new Dictionary<string, string>
        {
            // The per-user limit (300 a minute by default) would answer 429 to the one loadtest user within a second.
            ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "100000000",
        },
        PrepareAsync = PrepareBackendAsync,
        IterationAsync = BackendIterationAsync,
    };

    /// <summary>What the frontend host serves most: the Blazor client's page (the fallback to index.html) and the
    /// kubelet's liveness probe.</summary>
    public static LoadWorkload Frontend { get; } = new("todo-frontend: GET / and /health/live")
    {
        IterationAsync = async (client, cancellationToken) =>
        {
            using (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"), cancellationToken))
            {
            }

            using (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, ApiRoutes.HealthLive), cancellationToken))
            {
            }
        },
    };

    public static LoadWorkload For(AppImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Name == ImageCatalog.Backend.Name ? Backend
            : image.Name == ImageCatalog.Frontend.Name ? Frontend
            : throw new ArgumentException($"ImageStartup has no load for {image.Name}", nameof(image));
    }

    static async Task PrepareBackendAsync(LoadClient client, CancellationToken cancellationToken)
    {
        try
        {
            var account = await TrialAccount.SignUpAsync(client.Http, "startup-load", cancellationToken);
            client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", account.Token);
        }
        catch (Exception e) when (e is TargetFailedException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            client.Fail(e.Message);
            return;
        }

        for (var i = 0; i < SeededTasks; i++)
        {
            using var created = await client.SendAsync(CreateTask($"seeded task {i}"), cancellationToken);
            if (created is null)
                return;
        }
    }

    static async Task BackendIterationAsync(LoadClient client, CancellationToken cancellationToken)
    {
        int id;
        using (var created = await client.SendAsync(CreateTask("load task"), cancellationToken))
        {
            if (created is null)
                return;
            id = (await created.Content.ReadFromJsonAsync(TodoJsonContext.Default.TaskItem, cancellationToken))?.Id
                ?? throw new InvalidDataException($"POST {ApiRoutes.Tasks} answered {(int)created.StatusCode} without a task");
        }

        using (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Tasks), cancellationToken))
        {
        }

        using (await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, ApiRoutes.Task(id)), cancellationToken))
        {
        }
    }

    static HttpRequestMessage CreateTask(string title) => new(HttpMethod.Post, ApiRoutes.Tasks)
    {
        Content = JsonContent.Create(new CreateTaskRequest(title), TodoJsonContext.Default.CreateTaskRequest),
    };
}
