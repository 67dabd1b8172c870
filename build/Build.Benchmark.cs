using Tools;
using System.Globalization;
using Engine;

partial class Build
{
    [Parameter("Benchmark: seconds each measured scenario runs")]
    readonly int BenchmarkSeconds = 5;

    [Parameter("Benchmark, and ImageStartup's load: concurrent loopback clients")]
    readonly int BenchmarkConcurrency = 8;

    [Parameter("Benchmark: fail when a goal is missed (task list ≥ 0.3 of the baseline's throughput, p99 < 50 ms; chat turn p50 < 20 ms)")]
    readonly bool BenchmarkEnforce;

    AbsolutePath BenchmarkProject => RootDirectory / "tests" / "Todo.Api.Benchmark" / "Todo.Api.Benchmark.csproj";

    // Not in the Deploy chain: figures from a shared 2-core machine are for people to read, not for gates to trust.
    Target Benchmark => _ => _
        .Description(
            "Starts the API on a throwaway PostgreSQL and prints requests/s and p50/p99 of task list/create against a trivial baseline, "
                + "and the p50 of a chat turn (Release build)")
        .Executes(async () =>
        {
            string[] arguments =
            [
                "run", "-c", "Release", "--project", BenchmarkProject, "--",
                "--seconds", BenchmarkSeconds.ToString(CultureInfo.InvariantCulture),
                "--concurrency", BenchmarkConcurrency.ToString(CultureInfo.InvariantCulture),
                .. BenchmarkEnforce ? ["--enforce"] : Array.Empty<string>(),
            ];
            await DotNet.RunAsync(DotNet.Spec(arguments) with { WorkingDirectory = RootDirectory });
        });

    // Not a speed figure: a missed goal here is the assistant misunderstanding people, so the target fails on it.
    Target AssistantBenchmark => _ => _
        .Description(
            "Runs the utterance corpus against the app (in-process, SQLite), judging each line by the task list: share understood per "
                + "intent, destructive mistakes, a MISSED line per goal not met (≥ 95% per intent, 0 destructive); fails on any")
        .Executes(async () =>
            await DotNet.RunAsync(
                DotNet.Spec("run", "-c", "Release", "--project", BenchmarkProject, "--",
                    "--assistant") with { WorkingDirectory = RootDirectory }));
}
