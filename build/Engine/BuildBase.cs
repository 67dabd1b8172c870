using System.Linq.Expressions;
using System.Runtime.InteropServices;

namespace Engine;

/// <summary>The base of <c>partial class Build</c>: what target bodies can use, and the entry point.</summary>
public abstract class BuildBase
{
    private BuildSession? _session;

    public AbsolutePath RootDirectory => Session.RootDirectory;

    public AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";

    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>True when the environment variable CI is "true" (GitHub Actions and .ci/run set it).</summary>
    public bool IsCi => Session.IsCi;

    public BuildSummary Summary => Session.Summary;

    /// <summary>Cancelled on Ctrl+C or SIGTERM.</summary>
    public CancellationToken CancellationToken => Session.CancellationToken;

    /// <summary>Whether <paramref name="target"/> ran and succeeded (or was up to date) earlier in this build, e.g. so Compile passes
    /// --no-restore only when Restore really ran (it may have been skipped with --skip).</summary>
    public bool Succeeded(Target target) =>
        Session.Graph is { } graph
        && Session.Outcomes.TryGetValue(graph.Resolve(target), out var status)
        && status is TargetStatus.Succeeded or TargetStatus.UpToDate;

    /// <summary>Whether <paramref name="target"/> is part of this build's plan and not skipped (NUKE's ScheduledTargets):
    /// known before any requirement is checked, e.g. so SmokeTest knows a deployment comes first.</summary>
    public bool IsScheduled(Target target) =>
        Session.Graph is { } graph && Session.Scheduled.Contains(graph.Resolve(target));

    /// <summary>Called on every run before the command line is read (NUKE's OnBuildCreated), e.g. to regenerate
    /// files the build class declares, such as CI workflows.</summary>
    protected virtual void OnBuildCreated()
    {
    }

    internal void NotifyCreated() => OnBuildCreated();

    internal BuildSession Session
    {
        get => _session ?? BuildSession.Current;
        set => _session = value;
    }

    /// <summary>The entry point: <c>public static int Main(string[] args) => Execute&lt;Build&gt;(args, x => x.Test);</c></summary>
    protected static int Execute<T>(string[] args, params Expression<Func<T, Target>>[] defaultTargets)
        where T : BuildBase, new()
    {
        using var cancellation = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true; // the build stops its targets and prints its summary before it exits
            cancellation.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

        var invocation = new BuildInvocation { Arguments = args, RootDirectory = FindRootDirectory(),
            CancellationToken = cancellation.Token };
        var defaults = defaultTargets.Select(e => e.Body is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException("Default targets are given as x => x.Target.", nameof(defaultTargets)));
        return BuildRunner.RunAsync(new T(), invocation, [.. defaults]).GetAwaiter().GetResult();
    }

    /// <summary>The nearest directory upwards that holds .nuke/, like NUKE.</summary>
    private static string FindRootDirectory()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        }

        return Directory.GetCurrentDirectory();
    }
}

/// <summary>A target failed for a reason the message states fully: it is shown without a stack trace.</summary>
public sealed class TargetFailedException(string message) : Exception(message);
