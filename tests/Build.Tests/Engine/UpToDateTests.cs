using Engine;

namespace Build.Tests.Engine;

/// <summary>Incremental targets: a target that declares its inputs does no work while they and its outputs are as its
/// last successful run left them, and says so; any change, a damaged output, --force or a failure makes it run.</summary>
public class UpToDateTests
{
    /// <summary>Generate copies in/source.txt to out/result.txt and reports one passed test.</summary>
    sealed class GeneratingBuild : RecordingBuild
    {
        [Parameter("Flavor of the result")]
        readonly string Flavor = "plain";

        public string ToolVersion { get; init; } = "1.0";

        public bool Fail { get; init; }

        AbsolutePath Source => RootDirectory / "in" / "source.txt";

        AbsolutePath Result => RootDirectory / "out" / "result.txt";

        Target Generate => _ => _
            .Inputs(inputs => inputs
                .Files(RootDirectory / "in")
                .Value("flavor", () => Flavor)
                .Value("tool", () => ToolVersion))
            .Outputs(() => [Result])
            .Executes(() =>
            {
                Record(nameof(Generate))();
                if (Fail)
                    throw new TargetFailedException("the generator broke");
                Directory.CreateDirectory(Result.Parent!);
                File.WriteAllText(Result, $"{Flavor}: {File.ReadAllText(Source)}");
                Summary.AddTestResults(passed: 3, failed: 0, skipped: 1);
                Summary.Add("Generate: 3 checks passed");
            });

        Target Publish => _ => _.DependsOn(Generate).Executes(Record(nameof(Publish)));
    }

    /// <summary>One target with two parts, each up to date on its own (the shape of Publish, one part per image).</summary>
    sealed class PartsBuild : RecordingBuild
    {
        Target Publish => _ => _.Executes(async () =>
        {
            foreach (var part in new[] { "backend", "frontend" })
            {
                var output = RootDirectory / "out" / part;
                await Incremental.RunAsync($"Publish.{part}", new Inputs().Files(RootDirectory / "src" / part), () => [output], () =>
                {
                    Record(part)();
                    Directory.CreateDirectory(output);
                    File.WriteAllText(output / "app.dll", part);
                    return Task.CompletedTask;
                });
            }
        });
    }

    static async Task<(EngineRun Run, GeneratingBuild Build)> GenerateAsync(EngineRun run, string[]? arguments = null, GeneratingBuild? build = null)
    {
        build ??= new GeneratingBuild();
        await run.RunAsync(build, arguments ?? ["Publish"]);
        return (run, build);
    }

    static EngineRun WithSource(string text = "hello")
    {
        var run = EngineRun.InScratchRoot();
        Directory.CreateDirectory(Path.Combine(run.Root, "in"));
        File.WriteAllText(Path.Combine(run.Root, "in", "source.txt"), text);
        return run;
    }

    static string Row(EngineRun run, string target) => run.OutputLines.Single(l => l.StartsWith(target + " ", StringComparison.Ordinal));

    [Fact]
    public async Task A_second_run_with_nothing_changed_does_no_work_and_says_why()
    {
        using var run = WithSource();
        await GenerateAsync(run);

        var (_, second) = await GenerateAsync(run);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["Publish"], second.Ran);
        Assert.Matches(@"^Generate\s+up to date \(inputs unchanged since \d\d:\d\d:\d\d\)", Row(run, "Generate"));
        Assert.Contains(@"""kind"":""up-to-date""", run.AuditLog, StringComparison.Ordinal);
        Assert.Contains(@"""status"":""up to date", run.AuditLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_up_to_date_target_reports_the_summary_lines_and_test_counts_of_the_run_it_stands_for()
    {
        using var run = WithSource();
        await GenerateAsync(run);

        await GenerateAsync(run);

        Assert.Equal("Tests: 3 passed, 0 failed, 1 skipped", run.OutputLines[^1]);
        Assert.Equal("Generate: 3 checks passed", run.OutputLines[^2]);
    }

    [Fact]
    public async Task A_changed_input_file_makes_it_run_and_the_log_names_the_file()
    {
        using var run = WithSource();
        await GenerateAsync(run);
        File.WriteAllText(Path.Combine(run.Root, "in", "source.txt"), "changed");

        var (_, build) = await GenerateAsync(run);

        Assert.Equal(["Generate", "Publish"], build.Ran);
        Assert.Contains("[Generate] Generate runs: in/source.txt changed", run.OutputLines);
        Assert.Equal("plain: changed", File.ReadAllText(Path.Combine(run.Root, "out", "result.txt")));
    }

    [Fact]
    public async Task Rewriting_a_file_with_the_same_content_leaves_it_up_to_date()
    {
        using var run = WithSource();
        await GenerateAsync(run);
        var source = Path.Combine(run.Root, "in", "source.txt");
        File.WriteAllText(source, "hello");
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddHours(1));

        var (_, build) = await GenerateAsync(run);

        Assert.DoesNotContain("Generate", build.Ran);
    }

    [Fact]
    public async Task A_new_input_file_makes_it_run()
    {
        using var run = WithSource();
        await GenerateAsync(run);
        File.WriteAllText(Path.Combine(run.Root, "in", "extra.txt"), "x");

        var (_, build) = await GenerateAsync(run);

        Assert.Contains("Generate", build.Ran);
        Assert.Contains("[Generate] Generate runs: in/extra.txt added", run.OutputLines);
    }

    [Fact]
    public async Task A_changed_parameter_makes_it_run()
    {
        using var run = WithSource();
        await GenerateAsync(run);

        var (_, build) = await GenerateAsync(run, ["Publish", "--flavor", "spicy"]);

        Assert.Contains("Generate", build.Ran);
        Assert.Contains("[Generate] Generate runs: flavor changed", run.OutputLines);
    }

    [Fact]
    public async Task A_changed_tool_version_makes_it_run()
    {
        using var run = WithSource();
        await GenerateAsync(run);

        var (_, build) = await GenerateAsync(run, build: new GeneratingBuild { ToolVersion = "2.0" });

        Assert.Contains("Generate", build.Ran);
        Assert.Contains("[Generate] Generate runs: tool changed", run.OutputLines);
    }

    [Theory]
    [InlineData("deleted", "output out/result.txt is missing")]
    [InlineData("corrupted", "output out/result.txt is not what the last run produced")]
    public async Task A_deleted_or_corrupted_output_makes_it_run(string damage, string why)
    {
        using var run = WithSource();
        await GenerateAsync(run);
        var result = Path.Combine(run.Root, "out", "result.txt");
        if (damage == "deleted")
            File.Delete(result);
        else
            File.WriteAllText(result, "garbage");

        var (_, build) = await GenerateAsync(run);

        Assert.Contains("Generate", build.Ran);
        Assert.Contains($"[Generate] Generate runs: {why}", run.OutputLines);
        Assert.Equal("plain: hello", File.ReadAllText(result));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Generate")]
    public async Task Force_reruns_an_up_to_date_target(string forced)
    {
        string[] arguments = ["Publish", "--force", .. forced.Length == 0 ? Array.Empty<string>() : [forced]];
        using var run = WithSource();
        await GenerateAsync(run);

        var (_, build) = await GenerateAsync(run, arguments);

        Assert.Equal(["Generate", "Publish"], build.Ran);
        Assert.Contains("[Generate] Generate runs: --force", run.OutputLines);
    }

    [Fact]
    public async Task Forcing_another_target_leaves_this_one_up_to_date()
    {
        using var run = WithSource();
        await GenerateAsync(run);

        var (_, build) = await GenerateAsync(run, ["Publish", "--force", "Publish"]);

        Assert.Equal(["Publish"], build.Ran);
    }

    [Fact]
    public async Task Force_names_only_targets_that_exist()
    {
        using var run = WithSource();

        var (_, build) = await GenerateAsync(run, ["Publish", "--force", "Generat"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains(run.OutputLines, l => l.Contains("there is no target 'Generat'. Did you mean Generate?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_run_is_never_reused_even_when_nothing_changed_afterwards()
    {
        using var run = WithSource();
        await GenerateAsync(run);
        File.WriteAllText(Path.Combine(run.Root, "in", "source.txt"), "changed");
        await GenerateAsync(run, build: new GeneratingBuild { Fail = true });
        Assert.Equal(1, run.ExitCode);

        var (_, build) = await GenerateAsync(run);

        Assert.Equal(["Generate", "Publish"], build.Ran);
        Assert.Contains("[Generate] Generate runs: no earlier successful run recorded", run.OutputLines);
    }

    [Fact]
    public async Task The_plan_says_which_targets_are_up_to_date_and_why_the_others_run()
    {
        using var run = WithSource();
        await GenerateAsync(run, ["Publish", "--plan"]);
        Assert.Contains("  1. Generate  (runs: no earlier successful run recorded)", run.OutputLines);

        await GenerateAsync(run);
        var (_, build) = await GenerateAsync(run, ["Publish", "--plan"]);

        Assert.Empty(build.Ran);
        Assert.Matches(@"^  1\. Generate  \(up to date: inputs unchanged since \d\d:\d\d:\d\d\)$", run.OutputLines.Single(l => l.StartsWith("  1.", StringComparison.Ordinal)));
        Assert.Contains("  2. Publish", run.OutputLines);
    }

    [Fact]
    public async Task Values_are_recorded_only_as_hashes_so_a_secret_parameter_never_reaches_the_disk()
    {
        using var run = WithSource();

        await GenerateAsync(run, ["Publish", "--flavor", "s3cr3t-passw0rd"]);

        var record = File.ReadAllText(Path.Combine(run.Root, ".nuke", "temp", "up-to-date", "Generate.json"));
        Assert.DoesNotContain("s3cr3t-passw0rd", record, StringComparison.Ordinal);
        Assert.Contains("value flavor", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_part_of_a_target_is_up_to_date_on_its_own()
    {
        using var run = EngineRun.InScratchRoot();
        foreach (var part in new[] { "backend", "frontend" })
        {
            Directory.CreateDirectory(Path.Combine(run.Root, "src", part));
            File.WriteAllText(Path.Combine(run.Root, "src", part, "Program.cs"), part);
        }

        await run.RunAsync(new PartsBuild(), ["Publish"]);
        File.WriteAllText(Path.Combine(run.Root, "src", "frontend", "Program.cs"), "changed");
        var build = new PartsBuild();
        await run.RunAsync(build, ["Publish"]);

        Assert.Equal(["frontend"], build.Ran);
        Assert.Contains(run.OutputLines, l => l.Contains("Publish.backend is up to date: inputs unchanged since", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_products_and_caches_under_an_input_folder_are_not_inputs()
    {
        using var run = WithSource();
        await GenerateAsync(run);
        Directory.CreateDirectory(Path.Combine(run.Root, "in", "obj"));
        File.WriteAllText(Path.Combine(run.Root, "in", "obj", "project.assets.json"), "{}");

        var (_, build) = await GenerateAsync(run);

        Assert.DoesNotContain("Generate", build.Ran);
    }
}
