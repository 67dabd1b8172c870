using System.Globalization;

namespace Benchmarks;

/// <summary>
/// How much an unchanged or slightly changed checkout saves (issue: incremental builds). Goals: a no-op
/// ImageSizeCheck or Test costs at most a tenth of the cold run, a change in the backend's sources reruns only the
/// backend's path at no more than half the cold cost, and a fresh clone's first line appears within 2 s.
/// </summary>
public sealed record IncrementalFigures(
    TimedBuildRun ColdImages, TimedBuildRun NoOpImages, TimedBuildRun BackendChanged, TimedBuildRun ColdTest, TimedBuildRun NoOpTest)
{
    public const double NoOpRatioGoal = 0.10;
    public const double BackendChangeRatioGoal = 0.5;
    public static readonly TimeSpan FirstOutputGoal = TimeSpan.FromSeconds(2);

    public double NoOpImagesRatio => Ratio(NoOpImages, ColdImages);

    public double BackendChangedRatio => Ratio(BackendChanged, ColdImages);

    public double NoOpTestRatio => Ratio(NoOpTest, ColdTest);

    /// <summary>After a backend-only change the frontend's publish must be up to date and the backend's must run.</summary>
    public bool OnlyBackendReran => BackendChanged.WasUpToDate(FrontendPublish) && !BackendChanged.WasUpToDate(BackendPublish);

    public bool TestReused => NoOpTest.Row("Test")?.Contains("up to date", StringComparison.Ordinal) ?? false;

    public const string BackendPublish = "Publish.todo-backend";
    public const string FrontendPublish = "Publish.todo-frontend";

    public IEnumerable<string> Lines() =>
    [
        Line($"fresh clone, first output line after {ColdImages.FirstOutput?.TotalSeconds ?? double.NaN:F2} s (goal ≤ ")
            + Line($"{FirstOutputGoal.TotalSeconds:F0} s)"),
        Line($"ImageSizeCheck: cold {Seconds(ColdImages)}, no-op {Seconds(NoOpImages)} → {NoOpImagesRatio:F3} of cold (goal ≤ ")
            + Line($"{NoOpRatioGoal:F2})"),
        Line($"ImageSizeCheck after a change in src/Todo.Api: {Seconds(BackendChanged)} → {BackendChangedRatio:F3} of cold (goal ≤ ")
            + Line($"{BackendChangeRatioGoal:F1}); ")
            + Line($"frontend publish up to date: {YesNo(BackendChanged.WasUpToDate(FrontendPublish))}, ")
            + Line($"backend publish reran: {YesNo(!BackendChanged.WasUpToDate(BackendPublish))}"),
        Line($"Test: cold {Seconds(ColdTest)}, no-op {Seconds(NoOpTest)} → {NoOpTestRatio:F3} of cold (goal ≤ {NoOpRatioGoal:F2}); ")
            + Line($"summary: {NoOpTest.Row("Test")?.Trim() ?? "(no Test row)"}"),
        .. Missed().Select(m => "MISSED " + m),
    ];

    public IReadOnlyList<string> Missed()
    {
        var missed = new List<string>();
        foreach (var run in new[] { ColdImages, NoOpImages, BackendChanged, ColdTest, NoOpTest }.Where(r => r.ExitCode != 0))
            missed.Add(Line($"./build.sh {run.Arguments} exited with {run.ExitCode}"));
        if (ColdImages.FirstOutput is not { } first || first > FirstOutputGoal)
            missed.Add("first output line of a fresh clone within 2 s");
        if (NoOpImagesRatio > NoOpRatioGoal)
            missed.Add(Line($"no-op ImageSizeCheck ≤ {NoOpRatioGoal:F2} of cold (was {NoOpImagesRatio:F3})"));
        if (BackendChangedRatio > BackendChangeRatioGoal)
            missed.Add(Line($"backend change ≤ {BackendChangeRatioGoal:F1} of cold (was {BackendChangedRatio:F3})"));
        if (!OnlyBackendReran)
            missed.Add("a change in src/Todo.Api reruns only the backend's publish");
        if (NoOpTestRatio > NoOpRatioGoal)
            missed.Add(Line($"no-op Test ≤ {NoOpRatioGoal:F2} of cold (was {NoOpTestRatio:F3})"));
        if (!TestReused)
            missed.Add("a no-op Test reuses the passed run and says so in the summary");
        return missed;
    }

    private static double Ratio(TimedBuildRun run, TimedBuildRun cold) => run.Duration / cold.Duration;

    private static string Seconds(TimedBuildRun run) => Line($"{run.Duration.TotalSeconds:F1} s");

    private static string YesNo(bool value) => value ? "yes" : "NO";

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
