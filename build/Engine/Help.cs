namespace Engine;

/// <summary>--help: targets with descriptions, parameters with type, default and environment variable.</summary>
internal static class Help
{
    public static void Print(
        BuildSession session,
        TargetGraph graph,
        IReadOnlyList<ParameterMember> parameters,
        Dictionary<ParameterMember, object?> defaults,
        IReadOnlyList<string> defaultTargets)
    {
        session.WriteRaw("Usage: ./build.sh [targets] [--parameter value …] [--plan] [--skip [targets]] [--force [targets]] "
            + "[--profile name] [--help]");
        session.WriteRaw("");
        session.WriteRaw($"Targets (default: {string.Join(", ", defaultTargets)})");
        var width = graph.Targets.Select(t => t.Name.Length).DefaultIfEmpty(0).Max() + 2;
        foreach (var target in graph.Targets.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var dependencies = graph.Dependencies(target).Select(d => d.Name).ToList();
            var after = dependencies.Count == 0 ? "" : $" (after {string.Join(", ", dependencies)})";
            session.WriteRaw($"  {target.Name.PadRight(width)}{target.DescriptionText}{after}");
        }

        session.WriteRaw("");
        session.WriteRaw("Parameters (command line > environment variable > .nuke/parameters.<profile>.json > "
            + ".nuke/parameters.json > default)");
        var rows = parameters.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (
            Option: $"{p.CommandLineName} <{ParameterConversion.Describe(p.Type)}>",
            p.Description,
            Default: p.IsSecret ? "secret, no default shown"
                : ParameterConversion.Format(defaults[p]) is { Length: > 0 } text ? $"default: {text}"
                : "no default",
            p.EnvironmentName)).ToList();
        var optionWidth = rows.Select(r => r.Option.Length).DefaultIfEmpty(0).Max() + 2;
        foreach (var row in rows)
        {
            session.WriteRaw($"  {row.Option.PadRight(optionWidth)}{row.Description}");
            session.WriteRaw($"  {"".PadRight(optionWidth)}env {row.EnvironmentName}; {row.Default}");
        }

        session.WriteRaw("");
        session.WriteRaw("Options");
        session.WriteRaw("  --plan               print the ordered execution plan; nothing runs");
        session.WriteRaw("  --skip [targets]     skip these targets (bare --skip: every target but the invoked ones)");
        session.WriteRaw("  --force [targets]    run these targets even when up to date (bare --force: every target)");
        session.WriteRaw("  --profile <name>     also read .nuke/parameters.<name>.json");
        session.WriteRaw("  --help               this text");
    }
}
