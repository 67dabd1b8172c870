using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using Todo.Api.Accounts;
using Todo.Api.Chat;
using Todo.Api.Data;
using Todo.Api.Mcp;
using Todo.Api.Tasks;
using Todo.Contracts;
using Todo.Hosting;

namespace Todo.Api.Hosting;

/// <summary>Builds, prepares and runs the web app; shared by <c>Program</c>, the tests and the benchmark.</summary>
public static class TodoApiHost
{
    /// <param name="args">Command-line arguments, also read as configuration.</param>
    /// <param name="replaceServices">For programs that host the app in-process (the assistant benchmark fixes the
    /// clock so the corpus's dates hold): runs after every registration, so it can replace one.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? replaceServices = null)
    {
        // The slim builder leaves out what this API never uses (HTTPS and HTTP/3 in Kestrel, IIS, hosting startup
        // assemblies, static web assets, the Debug/EventLog/EventSource log providers, regex route constraints), and
        // with them ~25 ms of every start (measured: docs/images.md).
        var builder = WebApplication.CreateSlimBuilder(args);
        ConfigureLogging(builder);

        var services = builder.Services;
        services.AddSingleton(sp => TodoSettings.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton(TimeProvider.System);
        services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, TodoJsonContext.Default));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = RequestBodyLimit.DescribeTooLarge);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddTrustedProxies();
        services.AddTodoRateLimits();
        services.AddOpenApi();

        services.AddShutdownDrain();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ShutdownDrainRegistration.ReadyTag]);

        services.AddTodoDatabase();
        services.AddAccounts();
        services.AddTasks();
        services.AddChat();
        services.AddTaskMcp();
        replaceServices?.Invoke(services);

        var app = builder.Build();
        // First, so the rate limiter and the logs see the real client address.
        app.UseForwardedHeaders();
        app.UseConnectionCloseWhileDraining();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks(ApiRoutes.HealthLive, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ApiRoutes.HealthReady, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ShutdownDrainRegistration.ReadyTag) });
        // The API description helps an attacker as much as a developer: served only where asked for.
        if (app.Services.GetRequiredService<TodoSettings>().OpenApiEnabled)
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }

        app.MapAccounts();
        app.MapTasks();
        app.MapChat();
        app.MapTaskMcp();
        return app;
    }

    /// <summary>Migrates (unless MIGRATE_ON_STARTUP=false) and loads the token key; call before the app serves.</summary>
    public static async Task PrepareAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var settings = app.Services.GetRequiredService<TodoSettings>();
        if (settings.MigrateOnStartup)
        {
            await DatabaseSetup.MigrateAsync(app.Services, app.Logger, cancellationToken);
        }

        await app.Services.GetRequiredService<SigningKeyring>().LoadAsync(app.Services, cancellationToken);
        app.Logger.LogInformation("Chat model: {Model}", app.Services.GetRequiredService<ChatModel>().Description);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication? app = null;
        try
        {
            app = Build(args);
            await app.PrepareAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A start that cannot go on (a setting missing or out of range, a database that never answered) ends with
            // exit code 1 and one line saying why. Left unhandled, the runtime's crash path ended the process with a
            // signal (exit 139 measured) and, on arm64 under emulation, never ended it at all. Before the app exists
            // (a setting read while building it) there is no logger yet: the line goes to standard error.
            if (app is null)
            {
                await Console.Error.WriteLineAsync($"Start-up failed: {exception.Message}");
            }
            else
            {
                app.Logger.LogCritical(exception, "Start-up failed: {Reason}", exception.Message);
                // The console logger writes from a queue of its own; disposing the app flushes it before the process ends.
                await app.DisposeAsync();
            }

            return 1;
        }

        await app.RunAsync();
        return 0;
    }

    /// <summary>The <c>migrate</c> verb: bring the schema up to date and exit (a Kubernetes Job or init step).</summary>
    public static async Task<int> MigrateAsync(string[] args)
    {
        var app = Build(args);
        await DatabaseSetup.MigrateAsync(app.Services, app.Logger, CancellationToken.None, DatabaseWaitPolicy.Default);
        return 0;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        // One JSON object per line on stdout: what container log collectors expect. LOG_LEVEL sets the floor.
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        var level = builder.Configuration["LOG_LEVEL"] is { Length: > 0 } configured
            ? Enum.TryParse<LogLevel>(configured, ignoreCase: true, out var parsed) ? parsed
                : throw new InvalidOperationException($"LOG_LEVEL must be Trace, Debug, Information, Warning or Error, not '{configured}'.")
            : LogLevel.Information;
        builder.Logging.SetMinimumLevel(level);
        // Per-request and per-SQL-command lines at Information would drown everything else and cost throughput.
        builder.Logging.AddFilter("Microsoft.AspNetCore", level > LogLevel.Warning ? level : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", level > LogLevel.Warning ? level : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", level);
        // EF logs an expected failed probe of the migrations table on a fresh database as an error; real command
        // failures still surface as exceptions, logged where they are handled.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", level <= LogLevel.Debug ? level : LogLevel.None);
    }
}
