using System.Diagnostics;
using Engine;

namespace Benchmarks;

/// <summary>One <c>./build.sh …</c> in another checkout, timed from process start to exit and to its first line of
/// output (what a user waits for before anything is said).</summary>
public sealed record TimedBuildRun(string Arguments, int ExitCode, TimeSpan Duration, TimeSpan? FirstOutput, IReadOnlyList<string> Lines)
{
    public static async Task<TimedBuildRun> RunAsync(
        AbsolutePath checkout, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
            CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash", ["build.sh", .. arguments])
        {
            WorkingDirectory = checkout,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The checkout's own build: CI=true would change its defaults (Release configuration) between runs.
        start.Environment.Remove("CI");
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var lines = new List<string>();
        TimeSpan? first = null;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (lines)
            {
                first ??= clock.Elapsed;
                lines.Add(e.Data);
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new(string.Join(' ', arguments), process.ExitCode, clock.Elapsed, first, lines);
    }

    /// <summary>The summary row of <paramref name="target"/>, e.g. "Compile  up to date (inputs unchanged since …)  0:01".</summary>
    public string? Row(string target) => Lines.LastOrDefault(l => l.StartsWith(target + " ", StringComparison.Ordinal));

    /// <summary>Whether a target, or a part such as "Publish.todo-backend" (any platform), said it was up to date.</summary>
    public bool WasUpToDate(string work)
        => Lines.Any(l => l.Contains(work, StringComparison.Ordinal) && l.Contains(" is up to date", StringComparison.Ordinal))
        || (Row(work)?.Contains("up to date", StringComparison.Ordinal) ?? false);
}
