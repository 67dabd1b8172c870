using Engine;
using Mutation;
using Tools;

/// <summary>MutationTest: Stryker.NET injects defects into the code of each area and runs the area's tests against each
/// one; a defect no test notices is a bug the suite would ship. Slow (minutes per file), so not part of Test.</summary>
partial class Build
{
    [Parameter("MutationTest: the areas to mutate (api, cluster, engine; comma-separated); all when not given")]
    readonly string[] MutationAreas = [];

    [Parameter("MutationTest: mutate only files changed since this git ref (Stryker's since mode), e.g. main")]
    readonly string? Since;

    AbsolutePath MutationDirectory => ArtifactsDirectory / "mutation";

    Target MutationTest => _ => _
        .Description("Runs Stryker.NET (pinned in .config/dotnet-tools.json) over each area of tests/mutation/*.json: "
            + "a score per file and area, every surviving mutant; fails when an area is under its threshold")
        .Executes(async () =>
        {
            var areas = MutationArea.Select(MutationAreas);
            // The tool manifest pins the version; restore is a no-op once the tool is in the NuGet cache.
            await DotNet.RunAsync(DotNet.Spec("tool", "restore") with { WorkingDirectory = RootDirectory, Quiet = true });

            var below = new List<string>();
            foreach (var area in areas)
            {
                var verdict = await MutateAsync(area);
                if (verdict is null)
                {
                    Summary.Add($"mutation {area.Name}: nothing changed since {Since}, no mutant to test");
                    continue;
                }

                Log.Info("mutation area {0}:\n{1}", area.Name, verdict.Table());
                Summary.Add(verdict.SummaryLine);
                if (!verdict.Passed)
                    below.Add($"{area.Name} {verdict.Report.Score.Format()} < {verdict.Threshold}%");
            }

            if (below.Count > 0)
                throw new TargetFailedException(
                    $"mutation score under the threshold: {string.Join(", ", below)} (see the undetected mutants above)");
        });

    /// <summary>One area's Stryker run and its JSON report; null when --since left nothing to mutate.</summary>
    async Task<MutationVerdict?> MutateAsync(MutationArea area)
    {
        var config = RootDirectory / area.ConfigFile;
        var output = MutationDirectory / area.Name;
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);
        string[] arguments =
        [
            "stryker", "--config-file", config, "--output", output, "--reporter", "json", "--reporter", "progress",
            "--skip-version-check", .. Since is { Length: > 0 } since ? [$"--since:{since}"] : Array.Empty<string>(),
        ];
        // The tool exits non-zero when its own break threshold is missed; the report, not the exit code, decides here.
        var spec = DotNet.Spec(arguments) with { WorkingDirectory = RootDirectory / area.TestProject, AllowFailure = true };
        var run = await DotNet.RunAsync(spec, CancellationToken);
        var report = output / "reports" / "mutation-report.json";
        if (!report.Exists)
        {
            if (run.ExitCode == 0 && Since is { Length: > 0 })
                return null;
            throw new TargetFailedException(
                $"Stryker wrote no report for area {area.Name} (exit code {run.ExitCode}); its output is above");
        }

        var threshold = MutationArea.ReadThreshold(File.ReadAllText(config));
        return new MutationVerdict(area.Name, MutationReport.Read(report, RootDirectory), threshold);
    }
}
