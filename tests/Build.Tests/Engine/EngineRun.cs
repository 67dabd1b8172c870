using Engine;

namespace Build.Tests.Engine;

/// <summary>Runs a build in-process, in a scratch root directory, with its own arguments, environment and output.</summary>
sealed class EngineRun : IDisposable
{
    EngineRun(string root) => Root = root;

    public string Root { get; }

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = "";

    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public string AuditLog => File.ReadAllText(Path.Combine(Root, "artifacts", "build-audit.jsonl"));

    public static EngineRun InScratchRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "build-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        return new EngineRun(root);
    }

    public void WriteParameters(string fileName, string json) => File.WriteAllText(Path.Combine(Root, ".nuke", fileName), json);

    public async Task<EngineRun> RunAsync(BuildBase build, string[] arguments, Dictionary<string, string>? environment = null, string defaultTarget = "Default", StringWriter? writer = null,
        CancellationToken cancellationToken = default)
    {
        using var output = writer ?? new StringWriter();
        ExitCode = await BuildRunner.RunAsync(build, new BuildInvocation
        {
            Arguments = arguments,
            Environment = environment ?? new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" },
            Output = output,
            RootDirectory = Root,
            HeartbeatInterval = TimeSpan.FromMilliseconds(20),
            CancellationToken = cancellationToken,
        }, [defaultTarget]);
        Output = output.ToString();
        return this;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
