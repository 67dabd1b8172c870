using Engine;

namespace Build.Tests.Engine;

/// <summary>When a build stops: after a failure (an always-run target does not resume it), on cancellation (Ctrl+C,
/// SIGTERM), and before any work when a required parameter is empty.</summary>
public class StopTests
{
    sealed class CleanupBuild : RecordingBuild
    {
        public bool CleanupFails { get; init; }

        Target Compile => _ => _.Executes(() => throw new TargetFailedException("the compiler said no"));

        Target Cleanup => _ => _.After(Compile).AssuredAfterFailure().Executes(() =>
        {
            Record(nameof(Cleanup))();
            if (CleanupFails)
                throw new TargetFailedException("cleanup failed too");
        });

        Target Package => _ => _.After(Cleanup).Executes(Record(nameof(Package)));

        Target Publish => _ => _.After(Package).Executes(Record(nameof(Publish)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_always_run_target_after_a_failure_does_not_let_the_later_targets_run(bool cleanupFails)
    {
        using var run = EngineRun.InScratchRoot();
        var build = new CleanupBuild { CleanupFails = cleanupFails };
        await run.RunAsync(build, ["Compile", "Cleanup", "Package", "Publish"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["Cleanup"], build.Ran);
        Assert.Contains(run.OutputLines, l => l.StartsWith("Package ", StringComparison.Ordinal)
            && l.Contains("not run (an earlier target failed)", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.StartsWith("Publish ", StringComparison.Ordinal)
            && l.Contains("not run (an earlier target failed)", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.StartsWith(
            cleanupFails ? "Build failed (Compile, Cleanup)" : "Build failed (Compile)", StringComparison.Ordinal));
    }

    sealed class CancelledBuild(CancellationTokenSource cancellation) : RecordingBuild
    {
        // What Ctrl+C does in the middle of a target: the token is cancelled and the work in progress gives up.
        Target Compile => _ => _.Executes(async () =>
        {
            Record(nameof(Compile))();
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, CancellationToken);
        });

        Target Test => _ => _.DependsOn(Compile).Executes(Record(nameof(Test)));

        Target Cleanup => _ => _.After(Test).AssuredAfterFailure().Executes(Record(nameof(Cleanup)));
    }

    [Fact]
    public async Task Cancelling_a_running_build_stops_it_runs_nothing_more_and_reports_it()
    {
        using var run = EngineRun.InScratchRoot();
        using var cancellation = new CancellationTokenSource();
        var build = new CancelledBuild(cancellation);
        await run.RunAsync(build, ["Test", "Cleanup"], cancellationToken: cancellation.Token);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["Compile"], build.Ran);
        Assert.Contains(run.OutputLines, l => l.StartsWith("Compile ", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.StartsWith("Test ", StringComparison.Ordinal) && l.Contains("not run (cancelled)", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.StartsWith("Cleanup ", StringComparison.Ordinal)
            && l.Contains("not run (cancelled)", StringComparison.Ordinal));
        // A cancellation is expected, not a crash: its message, no stack trace.
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    sealed class QuietBuild : RecordingBuild
    {
        Target Compile => _ => _.Executes(Record(nameof(Compile)));
    }

    [Fact]
    public async Task A_build_cancelled_before_it_starts_runs_nothing_and_fails()
    {
        using var run = EngineRun.InScratchRoot();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var build = new QuietBuild();
        await run.RunAsync(build, ["Compile"], cancellationToken: cancellation.Token);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains(run.OutputLines, l => l.StartsWith("Compile ", StringComparison.Ordinal)
            && l.Contains("not run (cancelled)", StringComparison.Ordinal));
    }

    sealed class ReleaseBuild : RecordingBuild
    {
        [Parameter("Kubernetes context to deploy to")]
        readonly string? KubeContext;

        [Parameter("Values passed to helm --set")]
        readonly string[] HelmSet = [];

        [Parameter("Replicas to run")]
        readonly int Replicas = 1;

        readonly string? NotAParameter;

        Target Compile => _ => _.Executes(Record(nameof(Compile)));

        Target Deploy => _ => _.DependsOn(Compile).Requires(() => KubeContext).Executes(Record(nameof(Deploy)));

        Target Configure => _ => _.DependsOn(Compile).Requires(() => HelmSet).Requires(() => Replicas)
            .Executes(Record(nameof(Configure)));

        Target Undeclared => _ => _.Requires(() => NotAParameter).Executes(Record(nameof(Undeclared)));
    }

    [Theory]
    [InlineData("--kube-context", "")]
    [InlineData("--kube-context=", null)]
    public async Task An_empty_required_parameter_stops_the_build_before_any_work(string option, string? value)
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ReleaseBuild();
        await run.RunAsync(build, value is null ? ["Deploy", option] : ["Deploy", option, value]);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("The build cannot start; nothing was run:", run.OutputLines);
        Assert.Contains("  - Deploy needs the parameter KubeContext: pass --kube-context <value>, set KUBE_CONTEXT, "
            + "or add \"KubeContext\" to .nuke/parameters.json.", run.OutputLines);
    }

    [Fact]
    public async Task An_empty_list_parameter_counts_as_missing_and_a_value_type_is_named_too()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ReleaseBuild();
        await run.RunAsync(build, ["Configure"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains(run.OutputLines, l => l.Contains("Configure needs the parameter HelmSet: pass --helm-set <value>", StringComparison.Ordinal));
        // Replicas has a value (1): only the empty list is reported.
        Assert.DoesNotContain("Replicas", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_parameter_that_is_given_lets_the_build_run()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ReleaseBuild();
        await run.RunAsync(build, ["Deploy", "Configure", "--kube-context", "kind-todo", "--helm-set", "replicas=2"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Compile", "Deploy", "Configure"], build.Ran);
    }

    [Fact]
    public async Task A_required_member_that_is_not_a_parameter_is_named_as_such()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ReleaseBuild();
        await run.RunAsync(build, ["Undeclared"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  - Undeclared needs NotAParameter to be set, but it is not a [Parameter] of the build.", run.OutputLines);
    }

    sealed class BrokenCheckBuild : RecordingBuild
    {
        static readonly Requirement Crashes = new("a cluster", _ => throw new InvalidOperationException("kubeconfig is not YAML"));

        static readonly Requirement Unmet = new("a Docker daemon", _ => Task.FromResult<string?>("start dockerd"));

        Target Deploy => _ => _.Requires(Crashes).Requires(Unmet).Executes(Record(nameof(Deploy)));
    }

    [Fact]
    public async Task Every_unmet_requirement_is_listed_even_one_whose_check_crashed()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new BrokenCheckBuild();
        await run.RunAsync(build, ["Deploy"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("  - Deploy requires a cluster: checking it failed: kubeconfig is not YAML", run.OutputLines);
        Assert.Contains("  - Deploy requires a Docker daemon: start dockerd", run.OutputLines);
    }
}
