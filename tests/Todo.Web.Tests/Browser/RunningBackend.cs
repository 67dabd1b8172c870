using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Todo.Contracts;

namespace Todo.Web.Tests.Browser;

/// <summary>
/// The real backend (its built Todo.Api.dll) as a child process on a free loopback port, with a throw-away SQLite
/// file and a random signing key. Its output is kept so a failing test can show it.
/// </summary>
public sealed class RunningBackend : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string dataDirectory;

    private RunningBackend(Process process, Uri address, string dataDirectory)
    {
        this.process = process;
        Address = address;
        this.dataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    public static async Task<RunningBackend> StartAsync()
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var dataDirectory = Directory.CreateTempSubdirectory("todo-e2e-").FullName;
        var start = new ProcessStartInfo("dotnet", [RepositoryLayout.BackendAssembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["SQLITE_PATH"] = Path.Combine(dataDirectory, "todo.db");
        start.Environment["MIGRATE_ON_STARTUP"] = "true";
        start.Environment["AUTH_SIGNING_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        start.Environment.Remove("DATABASE_URL");
        start.Environment.Remove("OPENAI_API_KEY");

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var backend = new RunningBackend(process, address, dataDirectory);
        process.OutputDataReceived += (_, line) => backend.Append(line.Data);
        process.ErrorDataReceived += (_, line) => backend.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The backend exited with {process.ExitCode}:\n{backend.Output}");
            try
            {
                using var ready = await http.GetAsync(ApiRoutes.HealthReady);
                if (ready.StatusCode == HttpStatusCode.OK)
                    return backend;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        await backend.DisposeAsync();
        throw new TimeoutException($"The backend was not ready within 90 s:\n{backend.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static int FreeLoopbackPort() => FreePort();
}
