using Benchmarks;
using Engine;
using Images;
using Helm;

partial class Build
{
    AbsolutePath IncrementalBenchmarkCheckout => TemporaryDirectory / "incremental-benchmark";

    // Not in any chain: it builds everything twice over in a clone (about 15 minutes on 2 idle cores).
    Target IncrementalBenchmark => _ => _
        .Description("In a fresh clone of HEAD: times a cold and a no-op ImageSizeCheck, one after a change in src/Todo.Api, "
            + "and a cold and a no-op Test; prints each against its goal (MISSED lines; fails on one with --benchmark-enforce)")
        .Requires(DockerDaemon)
        .Executes(async () =>
        {
            if (Directory.Exists(IncrementalBenchmarkCheckout))
                Directory.Delete(IncrementalBenchmarkCheckout, recursive: true);
            await ProcessRunner.RunAsync(
                new ProcessSpec("git", ["clone", "--quiet", "--no-hardlinks", RootDirectory, IncrementalBenchmarkCheckout]),
                    CancellationToken);
            try
            {
                // The clone reuses this machine's helm rather than downloading its own: the benchmark times the build.
                var environment = new Dictionary<string,
                    string> { ["HELM_EXECUTABLE"] = (await HelmCli.ResolveAsync(CancellationToken)).Executable };
                async Task<TimedBuildRun> RunAsync(string step, params string[] arguments)
                {
                    using var _ = Log.Progress($"{step}: ./build.sh {string.Join(' ', arguments)}");
                    var run = await TimedBuildRun.RunAsync(IncrementalBenchmarkCheckout, arguments, environment, CancellationToken);
                    Log.Info("{0}: {1:F1} s, exit {2}", step, run.Duration.TotalSeconds, run.ExitCode);
                    // A failed run spoils the figures after it: show why, as the run itself would have.
                    if (run.ExitCode != 0)
                        Log.Warn("{0} failed; the end of its output:\n  {1}", step, string.Join("\n  ", run.Lines.TakeLast(40)));
                    return run;
                }

                var cold = await RunAsync("cold", "ImageSizeCheck");
                var noOp = await RunAsync("no-op", "ImageSizeCheck");
                File.AppendAllText(IncrementalBenchmarkCheckout / "src" / "Todo.Api" / "Program.cs",
                    "\n// changed by IncrementalBenchmark\n");
                var backendChanged = await RunAsync("backend changed", "ImageSizeCheck");
                var coldTest = await RunAsync("cold Test", "Test");
                var noOpTest = await RunAsync("no-op Test", "Test");

                var figures = new IncrementalFigures(cold, noOp, backendChanged, coldTest, noOpTest);
                foreach (var line in figures.Lines())
                {
                    Log.Info("{0}", line);
                    Summary.Add(line);
                }

                if (BenchmarkEnforce && figures.Missed().Count > 0)
                    throw new TargetFailedException($"{figures.Missed().Count} incremental-build goal(s) missed; see the MISSED lines.");
            }
            finally
            {
                Directory.Delete(IncrementalBenchmarkCheckout, recursive: true);
            }
        });
}
