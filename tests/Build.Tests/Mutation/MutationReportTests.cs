using Mutation;

namespace Build.Tests.Mutation;

/// <summary>The Stryker JSON report as the mutation-testing-elements schema defines it (schemaVersion 1: files keyed by
/// path, each with its source and mutants; locations 1-based, end column exclusive).</summary>
public class MutationReportTests
{
    const string Source = "if (a > b)\n    return a && c;\n";

    /// <summary>A report of two files: Limits.cs with every status once, Empty.cs without mutants.</summary>
    internal static string Report(params (string Status, int Line, int Column, int EndColumn, string Mutator, string Replacement)[] mutants) =>
        ReportOf(string.Join(",\n", mutants.Select((m, i) => $$"""
            { "id": "{{i}}", "mutatorName": "{{m.Mutator}}", "replacement": {{System.Text.Json.JsonSerializer.Serialize(m.Replacement)}}, "status": "{{m.Status}}",
              "location": { "start": { "line": {{m.Line}}, "column": {{m.Column}} }, "end": { "line": {{m.Line}}, "column": {{m.EndColumn}} } } }
            """)));

    static string ReportOf(string mutantsJson) =>
        $$"""
        {
          "schemaVersion": "1",
          "thresholds": { "high": 80, "low": 60 },
          "projectRoot": "/repo/src/Todo.Api",
          "files": {
            "Hosting/Limits.cs": {
              "language": "cs",
              "source": {{System.Text.Json.JsonSerializer.Serialize(Source)}},
              "mutants": [{{mutantsJson}}]
            },
            "Tasks/Empty.cs": { "language": "cs", "source": "", "mutants": [] }
          }
        }
        """;

    static readonly (string, int, int, int, string, string)[] OneOfEach =
    [
        ("Killed", 1, 5, 10, "Equality mutation", "a >= b"),
        ("Timeout", 1, 5, 10, "Equality mutation", "a < b"),
        ("Survived", 2, 12, 18, "Logical mutation", "a || c"),
        ("NoCoverage", 2, 5, 19, "Statement mutation", ";"),
        ("CompileError", 2, 12, 13, "Negate expression", "!a"),
        ("RuntimeError", 2, 12, 13, "Negate expression", "!a"),
        ("Ignored", 1, 5, 10, "Equality mutation", "a <= b"),
    ];

    [Fact]
    public void Score_is_killed_plus_timeout_over_all_but_invalid_and_ignored_mutants()
    {
        var report = MutationReport.Parse(Report(OneOfEach));

        var score = report.Score;
        Assert.Equal((1, 1, 1, 1, 2, 1), (score.Killed, score.Timeout, score.Survived, score.NoCoverage, score.Invalid, score.Ignored));
        Assert.Equal(4, score.Valid);
        Assert.Equal(50.0, score.Percent);
        Assert.Equal("50.0%", score.Format());
    }

    [Fact]
    public void Each_file_has_its_own_score_and_a_file_without_mutants_has_none()
    {
        var report = MutationReport.Parse(Report(("Killed", 1, 5, 10, "Equality mutation", "a >= b"), ("Survived", 2, 12, 18, "Logical mutation", "a || c"),
            ("Killed", 2, 12, 18, "Logical mutation", "a ^ c")));

        Assert.Equal(["Hosting/Limits.cs", "Tasks/Empty.cs"], report.Files.Select(f => f.Path));
        Assert.Equal("66.7%", report.Files[0].Score.Format());
        Assert.Null(report.Files[1].Score.Percent);
        Assert.Equal("n/a", report.Files[1].Score.Format());
    }

    [Fact]
    public void An_undetected_mutant_shows_the_source_it_replaces_and_its_replacement()
    {
        var report = MutationReport.Parse(Report(OneOfEach));

        var undetected = report.Undetected.Select(u => (u.File.Path, u.Mutant.Line, u.Mutant.Status, u.Mutant.Original, u.Mutant.Replacement)).ToList();

        Assert.Equal(
            [
                ("Hosting/Limits.cs", 2, MutantStatus.NoCoverage, "return a && c;", ";"),
                ("Hosting/Limits.cs", 2, MutantStatus.Survived, "a && c", "a || c"),
            ],
            undetected);
    }

    [Fact]
    public void A_mutant_spanning_lines_quotes_every_line_it_replaces()
    {
        var json = ReportOf("""
            { "id": "1", "mutatorName": "Block removal", "replacement": "{}", "status": "Survived",
              "location": { "start": { "line": 1, "column": 4 }, "end": { "line": 2, "column": 19 } } }
            """);

        var mutant = Assert.Single(MutationReport.Parse(json).Undetected).Mutant;

        Assert.Equal("(a > b)\n    return a && c;", mutant.Original);
    }

    [Fact]
    public void Files_are_named_relative_to_the_repository_and_files_without_tested_mutants_are_left_out()
    {
        // As Stryker.NET 5.1.0 writes it: absolute keys, and every file of the project listed, those outside --mutate
        // with no mutants or only ignored ones and compile errors.
        var json = """
            {
              "schemaVersion": "1", "thresholds": { "high": 80, "low": 60 }, "projectRoot": "/repo/build",
              "files": {
                "/repo/build/Cluster/ReleaseSecret.cs": { "language": "cs", "source": "a && b", "mutants": [
                  { "id": "1", "mutatorName": "Logical mutation", "replacement": "a || b", "status": "Killed",
                    "location": { "start": { "line": 1, "column": 1 }, "end": { "line": 1, "column": 7 } } } ] },
                "/repo/build/Build.Benchmark.cs": { "language": "cs", "source": "x / y", "mutants": [
                  { "id": "2", "mutatorName": "Arithmetic mutation", "replacement": "x * y", "status": "CompileError",
                    "location": { "start": { "line": 1, "column": 1 }, "end": { "line": 1, "column": 6 } } },
                  { "id": "3", "mutatorName": "String mutation", "replacement": "\"\"", "status": "Ignored",
                    "location": { "start": { "line": 1, "column": 1 }, "end": { "line": 1, "column": 2 } } } ] },
                "/repo/build/Cluster/SmokeRoute.cs": { "language": "cs", "source": "", "mutants": [] }
              }
            }
            """;

        var report = MutationReport.Parse(json, relativeTo: "/repo");

        Assert.Equal(["build/Build.Benchmark.cs", "build/Cluster/ReleaseSecret.cs", "build/Cluster/SmokeRoute.cs"], report.Files.Select(f => f.Path));
        Assert.Equal(["build/Cluster/ReleaseSecret.cs"], report.TestedFiles.Select(f => f.Path));
        Assert.Equal((1, 0, 0), (report.Score.Killed, report.Score.Invalid, report.Score.Ignored));
    }

    [Fact]
    public void A_document_without_files_is_refused_as_not_a_report()
    {
        var error = Assert.Throws<InvalidDataException>(() => MutationReport.Parse("""{ "schemaVersion": "1" }"""));

        Assert.Contains("no \"files\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_status_is_refused_rather_than_miscounted()
    {
        var error = Assert.Throws<InvalidDataException>(() => MutationReport.Parse(Report(("Zombie", 1, 5, 10, "Equality mutation", "a >= b"))));

        Assert.Contains("Zombie", error.Message, StringComparison.Ordinal);
    }
}
