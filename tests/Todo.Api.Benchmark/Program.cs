using System.Globalization;
using Todo.Api.Benchmark;

// dotnet run -c Release --project tests/Todo.Api.Benchmark [-- --seconds 5 --concurrency 8 --warmup 2 --enforce]
// dotnet run -c Release --project tests/Todo.Api.Benchmark -- --assistant [--corpus FILE] [--parallel 2]
if (args.Contains("--assistant"))
{
    // The assistant's goals are always enforced: its figures do not depend on the machine's load.
    return await AssistantBenchmark.RunAsync(AssistantBenchmarkOptions.Parse(args), Console.Out) ? 0 : 1;
}

var options = BenchmarkOptions.Parse(args);
return await ApiBenchmark.RunAsync(options, Console.Out) ? 0 : 1;

namespace Todo.Api.Benchmark
{
    public sealed record BenchmarkOptions(TimeSpan Duration, TimeSpan Warmup, int Concurrency, int ChatTurns, bool Enforce)
    {
        public static BenchmarkOptions Parse(string[] args)
        {
            string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            return new BenchmarkOptions(
                TimeSpan.FromSeconds(Number("--seconds", 5)),
                TimeSpan.FromSeconds(Number("--warmup", 2)),
                Number("--concurrency", 8),
                Number("--chat-turns", 200),
                args.Contains("--enforce"));
        }
    }
}
