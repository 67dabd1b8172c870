using System.Text.Json;
using CliWrap;
using CliWrap.EventStream;
using Engine;

namespace Cluster;

/// <summary>
/// <c>minikube service NAME -n NS -p PROFILE --url</c> kept running: where the node IP is unreachable from the host
/// (see <see cref="SmokeRoute.NodeIpUnreachable"/>) it prints a <c>http://127.0.0.1:PORT</c> URL and tunnels it for as
/// long as it runs; elsewhere it prints the node's URL and exits, which is just as usable. The engine's process runner
/// waits for a command to end, so this one command is run through CliWrap's event stream to read its URL while it runs.
/// </summary>
public sealed class MinikubeServiceTunnel : IAsyncDisposable
{
    readonly CancellationTokenSource stop;
    readonly Task running;

    MinikubeServiceTunnel(Uri url, CancellationTokenSource stop, Task running)
    {
        Url = url;
        this.stop = stop;
        this.running = running;
    }

    public Uri Url { get; }

    /// <summary>Whether the command still runs (a tunnel must, while the suite uses its URL).</summary>
    public bool Running => !running.IsCompleted;

    public static IReadOnlyList<string> Arguments(string profile, string ns, string service) =>
        ["service", service, "--namespace", ns, "--profile", profile, "--url"];

    /// <summary>Starts the command and returns once it printed a URL; null (with the reason logged) when it ends or
    /// stays silent for <paramref name="patience"/> without one.</summary>
    public static async Task<MinikubeServiceTunnel?> StartAsync(
        string profile, string ns, string service, TimeSpan patience, Action<string> log, CancellationToken cancellationToken,
        string executable = "minikube")
    {
        ArgumentNullException.ThrowIfNull(log);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var found = new TaskCompletionSource<Uri?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = Cli.Wrap(executable).WithArguments(Arguments(profile, ns, service)).WithValidation(CommandResultValidation.None);
        var running = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in command.ListenAsync(stop.Token))
                {
                    switch (e)
                    {
                        case StandardOutputCommandEvent output when UrlIn(output.Text) is { } url:
                            found.TrySetResult(url);
                            break;
                        case StandardErrorCommandEvent error:
                            log($"minikube service: {error.Text}");
                            break;
                        case ExitedCommandEvent exited:
                            found.TrySetResult(null);
                            if (exited.ExitCode != 0)
                            {
                                log($"`minikube {string.Join(' ', Arguments(profile, ns, service))}` exited with {exited.ExitCode}");
                            }

                            break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose: the suite is done.
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                log($"minikube could not be started: {e.Message}");
            }
            finally
            {
                found.TrySetResult(null);
            }
        }, CancellationToken.None);

        var first = await Task.WhenAny(found.Task, Task.Delay(patience, cancellationToken));
        var url = first == found.Task ? await found.Task : null;
        if (url is null)
        {
            if (first != found.Task)
            {
                log($"minikube service printed no URL within {patience.TotalSeconds:0} s");
            }

            await stop.CancelAsync();
            await running;
            stop.Dispose();
            return null;
        }

        return new MinikubeServiceTunnel(url, stop, running);
    }

    /// <summary>The URL in one line of <c>minikube service --url</c>'s output (it prints one URL per service port,
    /// each on its own line: <c>http://127.0.0.1:53412</c> or <c>http://192.168.49.2:30080</c>).</summary>
    public static Uri? UrlIn(string line)
    {
        var text = line?.Trim() ?? "";
        return text.StartsWith("http://", StringComparison.Ordinal) || text.StartsWith("https://", StringComparison.Ordinal)
            ? Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : null
            : null;
    }

    /// <summary>The driver of <paramref name="profile"/> in <c>minikube profile list -o json</c>:
    /// <c>{"invalid":[…],"valid":[{"Name":"minikube","Status":"OK","Config":{"Driver":"docker",…}}]}</c>
    /// (minikube pkg/minikube/config/types.go, <c>Profile</c> and <c>ClusterConfig.Driver</c>). Null when absent.</summary>
    public static string? DriverOf(string profileListJson, string profile)
    {
        try
        {
            using var document = JsonDocument.Parse(profileListJson);
            if (!document.RootElement.TryGetProperty("valid", out var valid) || valid.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var entry in valid.EnumerateArray())
            {
                if (entry.TryGetProperty("Name", out var name) && name.GetString() == profile
                    && entry.TryGetProperty("Config", out var config) && config.ValueKind == JsonValueKind.Object
                    && config.TryGetProperty("Driver", out var driver))
                {
                    return driver.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // minikube printed something else (an error report): the driver stays unknown.
        }

        return null;
    }

    /// <summary><c>minikube profile list -o json</c>, read for the profile's driver; null when minikube cannot say.</summary>
    public static async Task<string?> DriverAsync(string profile, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(new ProcessSpec("minikube", ["profile", "list", "-o", "json"])
        {
            Quiet = true,
            AllowFailure = true,
            Timeout = TimeSpan.FromSeconds(30),
        }, cancellationToken);
        return DriverOf(result.StandardOutput, profile);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await running;
        stop.Dispose();
    }
}
