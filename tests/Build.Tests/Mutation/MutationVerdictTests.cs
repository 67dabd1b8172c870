using Mutation;

namespace Build.Tests.Mutation;

public class MutationVerdictTests
{
    static MutationVerdict Verdict(double threshold, params (string, int, int, int, string, string)[] mutants) =>
        new("api", MutationReport.Parse(MutationReportTests.Report(mutants)), threshold);

    static readonly (string, int, int, int, string, string) Killed = ("Killed", 1, 5, 10, "Equality mutation", "a >= b");
    static readonly (string, int, int, int, string, string) Survived = ("Survived", 2, 12, 18, "Logical mutation", "a || c");

    [Fact]
    public void An_area_at_its_threshold_passes()
    {
        var verdict = Verdict(90, [.. Enumerable.Repeat(Killed, 9), Survived]);

        Assert.True(verdict.Passed);
        Assert.Equal("mutation api: 90.0% (threshold 90%), 9 of 10 mutants detected, 1 undetected", verdict.SummaryLine);
    }

    [Fact]
    public void An_area_under_its_threshold_fails_and_its_summary_line_says_so()
    {
        var verdict = Verdict(90, [.. Enumerable.Repeat(Killed, 8), Survived, Survived]);

        Assert.False(verdict.Passed);
        Assert.EndsWith("80.0% (threshold 90%), 8 of 10 mutants detected, 2 undetected — BELOW THRESHOLD", verdict.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_errors_do_not_lower_the_score()
    {
        var verdict = Verdict(90, Killed, ("CompileError", 2, 12, 13, "Negate expression", "!a"));

        Assert.True(verdict.Passed);
        Assert.Equal(100.0, verdict.Report.Score.Percent);
    }

    [Fact]
    public void An_area_with_nothing_valid_to_mutate_passes_without_a_score()
    {
        var verdict = Verdict(90, ("Ignored", 1, 5, 10, "Equality mutation", "a <= b"));

        Assert.True(verdict.Passed);
        Assert.StartsWith("mutation api: n/a", verdict.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_has_a_row_per_file_with_mutants_the_area_total_and_each_undetected_mutant()
    {
        var lines = Verdict(90, Killed, Survived, ("NoCoverage", 2, 5, 19, "Statement mutation", ";")).Table().Split('\n');

        Assert.StartsWith("File", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^Hosting/Limits\.cs\s+33\.3%\s+1\s+0\s+1\s+1\s+0$", lines[1]);
        Assert.Matches(@"^area api\s+33\.3%\s+1\s+0\s+1\s+1\s+0$", lines[2]);
        Assert.DoesNotContain(lines, l => l.Contains("Empty.cs", StringComparison.Ordinal));
        Assert.Equal("Undetected mutants (2):", lines[3]);
        Assert.Equal("  Hosting/Limits.cs:2  Statement mutation (no test covers it)  return a && c; → ;", lines[4]);
        Assert.Equal("  Hosting/Limits.cs:2  Logical mutation  a && c → a || c", lines[5]);
    }

    [Theory]
    [InlineData(new string[0], "api,cluster,engine")]
    [InlineData(new[] { "API" }, "api")]
    [InlineData(new[] { "engine", "cluster" }, "cluster,engine")]
    public void Areas_are_chosen_by_name_or_all(string[] names, string expected) =>
        Assert.Equal(expected, string.Join(',', MutationArea.Select(names).Select(a => a.Name)));

    [Fact]
    public void An_unknown_area_is_named_with_the_known_ones()
    {
        var error = Assert.Throws<global::Engine.TargetFailedException>(() => MutationArea.Select(["api", "frontend"]));

        Assert.Equal("unknown mutation area(s) frontend; known: api, cluster, engine", error.Message);
    }

    [Fact]
    public void Each_area_has_a_config_whose_break_threshold_is_90()
    {
        foreach (var area in MutationArea.All)
            Assert.Equal(90, MutationArea.ReadThreshold(File.ReadAllText(Path.Combine(RepositoryRoot(), area.ConfigFile))));
    }

    [Fact]
    public void A_config_without_a_break_threshold_is_refused() =>
        Assert.Throws<InvalidDataException>(() => MutationArea.ReadThreshold("""{ "stryker-config": { "thresholds": { "high": 95 } } }"""));

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TodoApp.slnx")))
                return directory.FullName;
        }

        throw new InvalidOperationException("The repository root (with TodoApp.slnx) is not above the test's directory.");
    }
}
