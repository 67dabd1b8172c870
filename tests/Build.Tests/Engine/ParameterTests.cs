using Engine;

namespace Build.Tests.Engine;

public class ParameterTests
{
    public enum Flavor
    {
        Plain,
        Spicy,
    }

    sealed class ParameterBuild : BuildBase
    {
        [Parameter("Where images go")]
        public readonly string Registry = "from-initializer";

        [Parameter("How often to retry")]
        public readonly int Retries = 3;

        [Parameter("Seasoning")]
        public readonly Flavor Flavor = Flavor.Plain;

        [Parameter("Print more")]
        public readonly bool Verbose;

        [Parameter("Extra tags")]
        public readonly string[] Tags = [];

        [Parameter("A budget in MB")]
        public readonly double BudgetMegabytes = 50;

        Target Default => _ => _.Executes(() => { });
    }

    [Theory]
    [InlineData("command line", "from-command-line")]
    [InlineData("environment", "from-environment")]
    [InlineData("profile file", "from-profile")]
    [InlineData("parameters file", "from-parameters-json")]
    [InlineData("initializer", "from-initializer")]
    public async Task The_command_line_wins_over_the_environment_over_the_profile_over_parameters_json_over_the_initializer(string highestGiven, string expected)
    {
        using var run = EngineRun.InScratchRoot();
        var sources = new[] { "command line", "environment", "profile file", "parameters file", "initializer" };
        var given = sources.SkipWhile(s => s != highestGiven).ToHashSet();
        string[] arguments = given.Contains("command line") ? ["--registry", "from-command-line", "--profile", "ci"] : ["--profile", "ci"];
        var environment = given.Contains("environment") ? new Dictionary<string, string> { ["REGISTRY"] = "from-environment" } : [];
        run.WriteParameters("parameters.ci.json", given.Contains("profile file") ? """{ "Registry": "from-profile" }""" : "{}");
        run.WriteParameters("parameters.json", given.Contains("parameters file") ? """{ "$schema": "./build.schema.json", "Registry": "from-parameters-json" }""" : "{}");
        var build = new ParameterBuild();

        await run.RunAsync(build, arguments, environment);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, build.Registry);
    }

    [Fact]
    public async Task Values_are_converted_to_the_member_type()
    {
        using var run = EngineRun.InScratchRoot();
        var build = new ParameterBuild();
        await run.RunAsync(build, ["--retries", "7", "--flavor", "spicy", "--verbose", "--tags", "a", "b,c", "--budget-megabytes=12.5"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(7, build.Retries);
        Assert.Equal(Flavor.Spicy, build.Flavor);
        Assert.True(build.Verbose);
        Assert.Equal(["a", "b", "c"], build.Tags);
        Assert.Equal(12.5, build.BudgetMegabytes);
    }

    [Fact]
    public async Task A_bad_value_is_an_error_naming_the_parameter_the_value_and_where_it_came_from()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new ParameterBuild(), [], new Dictionary<string, string> { ["RETRIES"] = "lots" });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Parameter --retries (RETRIES) got 'lots' from the environment variable RETRIES: expected a whole number.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_enum_value_lists_the_allowed_ones()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new ParameterBuild(), ["--flavor", "sweet"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Parameter --flavor (FLAVOR) got 'sweet' from the command line (--flavor): expected one of Plain, Spicy.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_an_error_that_suggests_the_close_match()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new ParameterBuild(), ["--retires", "2"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("unknown option --retires. Did you mean --retries?", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_of_parameters_json_is_generated_from_the_parameters()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new ParameterBuild(), ["--plan"]);

        var schema = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(run.Root, ".nuke", "build.schema.json")))!;
        var properties = schema["properties"]!;
        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)schema["$schema"]);
        Assert.Equal("integer", (string?)properties["Retries"]!["type"]);
        Assert.Equal("boolean", (string?)properties["Verbose"]!["type"]);
        Assert.Equal("number", (string?)properties["BudgetMegabytes"]!["type"]);
        Assert.Equal("array", (string?)properties["Tags"]!["type"]);
        Assert.Equal(["Plain", "Spicy"], properties["Flavor"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("Where images go (--registry, REGISTRY)", (string?)properties["Registry"]!["description"]);
        Assert.False((bool?)schema["additionalProperties"]);
    }

    [Fact]
    public async Task Help_lists_targets_and_parameters_with_type_default_and_environment_variable()
    {
        using var run = EngineRun.InScratchRoot();
        await run.RunAsync(new ParameterBuild(), ["--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.Contains("--retries <int>", StringComparison.Ordinal) && l.Contains("How often to retry", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.Contains("env RETRIES; default: 3", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.Contains("--flavor <Plain|Spicy>", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.TrimStart().StartsWith("Default", StringComparison.Ordinal));
    }
}
