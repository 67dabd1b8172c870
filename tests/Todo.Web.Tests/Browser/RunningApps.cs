using Todo.Web.Tests.Host;

namespace Todo.Web.Tests.Browser;

/// <summary>
/// Both apps as a user reaches them: the real backend as a child process and the real frontend host on Kestrel at a
/// loopback port, forwarding to it. Disposing stops both.
/// </summary>
public sealed class RunningApps : IAsyncDisposable
{
    private RunningApps(RunningBackend backend, FrontendHost host, Uri frontend)
    {
        Backend = backend;
        Host = host;
        Frontend = frontend;
    }

    public RunningBackend Backend { get; }

    public FrontendHost Host { get; }

    public Uri Frontend { get; }

    public static async Task<RunningApps> StartAsync()
    {
        var backend = await RunningBackend.StartAsync();
        try
        {
            var port = RunningBackend.FreeLoopbackPort();
            var host = new FrontendHost(backend.Address);
            host.UseKestrel(port);
            host.StartServer();
            return new RunningApps(backend, host, new Uri($"http://127.0.0.1:{port}/"));
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
