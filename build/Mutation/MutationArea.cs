using System.Text.Json;
using Engine;

namespace Mutation;

/// <summary>
/// A named part of the code whose tests MutationTest measures: a Stryker config (tests/mutation/&lt;name&gt;.json: the
/// project, the files to mutate, the threshold) and the test project Stryker runs from (its "test project context").
/// </summary>
public sealed record MutationArea(string Name, string TestProject)
{
    public static readonly MutationArea Api = new("api", "tests/Todo.Api.Tests");
    public static readonly MutationArea Cluster = new("cluster", "tests/Build.Tests");
    public static readonly MutationArea Engine = new("engine", "tests/Build.Tests");

    public static IReadOnlyList<MutationArea> All { get; } = [Api, Cluster, Engine];

    public string ConfigFile => $"tests/mutation/{Name}.json";

    /// <summary>The areas named on the command line (all when none), or which names are unknown.</summary>
    public static IReadOnlyList<MutationArea> Select(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0)
            return All;
        var unknown = names.Where(n => All.All(a => !a.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
            throw new TargetFailedException(
                $"unknown mutation area(s) {string.Join(", ", unknown)}; known: {string.Join(", ", All.Select(a => a.Name))}");
        return [.. All.Where(a => names.Any(n => a.Name.Equals(n, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>The area's break threshold, from its Stryker config (one place says it, and Stryker reads it too).</summary>
    public static double ReadThreshold(string configJson)
    {
        using var document = JsonDocument.Parse(configJson);
        return document.RootElement.TryGetProperty("stryker-config", out var config)
            && config.TryGetProperty("thresholds", out var thresholds)
            && thresholds.TryGetProperty("break", out var threshold)
                ? threshold.GetDouble()
                : throw new InvalidDataException("the Stryker config has no stryker-config.thresholds.break");
    }
}
