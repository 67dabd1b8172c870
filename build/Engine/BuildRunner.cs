using System.Diagnostics;
using System.Linq.Expressions;

namespace Engine;

/// <summary>Runs a build: reads the command line and parameters, plans, checks every requirement, runs the targets,
/// prints the summary. Tests call it in-process with their own arguments, environment and output.</summary>
public static class BuildRunner
{
    private const int Failed = 1;
    private const int UsageError = 2;

    public static async Task<int> RunAsync(BuildBase build, BuildInvocation invocation, IReadOnlyList<string> defaultTargets)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(invocation);
        var environment = invocation.Environment ?? BuildSession.ProcessEnvironment();
        var root = new AbsolutePath(Path.GetFullPath(invocation.RootDirectory ?? Directory.GetCurrentDirectory()));
        var session = new BuildSession(root, invocation.Output ?? Console.Out, environment, invocation.CancellationToken)
        {
            HeartbeatInterval = invocation.HeartbeatInterval,
        };
        build.Session = session;
        using var scope = BuildSession.Enter(session);
        try
        {
            return await RunAsync(build, session, CommandLine.Parse(invocation.Arguments), defaultTargets);
        }
        catch (Exception e) when (e is ParameterException or TargetCycleException or InvalidOperationException)
        {
            // Mistakes in how the build is used or declared: the message says what to fix, a stack trace would not.
            session.WriteRaw($"error: {e.Message}");
            return UsageError;
        }
    }

    private static async Task<int> RunAsync(
        BuildBase build, BuildSession session, CommandLine commandLine, IReadOnlyList<string> defaultTargets)
    {
        var graph = session.Graph = TargetGraph.Discover(build);
        var parameters = ParameterMember.Discover(build.GetType());
        var defaults = parameters.ToDictionary(p => p, p => p.GetValue(build));
        SchemaWriter.WriteIfChanged(session.RootDirectory / ".nuke" / "build.schema.json", SchemaWriter.Generate(parameters));
        build.NotifyCreated();

        if (!AllOptionsKnown(commandLine, parameters, session))
            return UsageError;

        ParameterResolver.Apply(build, parameters, commandLine.Options, session.Environment, session.RootDirectory,
            commandLine.Profile, session.Redactor);
        if (commandLine.Help)
        {
            Help.Print(session, graph, parameters, defaults, defaultTargets);
            return 0;
        }

        var targetNames = commandLine.Targets.Count > 0 ? commandLine.Targets : defaultTargets;
        if (!TryFind(graph, targetNames, session, out var invoked)
            || !TryFind(graph, commandLine.Skip ?? [], session, out var skipNamed)
            || !TryFind(graph, commandLine.Force ?? [], session, out var forceNamed))
        {
            return UsageError;
        }

        var plan = ExecutionPlan.Create(graph, invoked);
        // A bare --skip skips everything the invoked targets depend on; a bare --force forces every target.
        var skipped = commandLine.Skip is [] ? plan.Except(invoked).ToHashSet() : skipNamed.ToHashSet();
        session.Forced = commandLine.Force is [] ? null : [.. forceNamed.Select(t => t.Name)];
        if (commandLine.Plan)
        {
            PrintPlan(plan, skipped, session);
            return 0;
        }

        session.Audit = new AuditLog(build.ArtifactsDirectory / "build-audit.jsonl", session.Redactor);
        session.Audit.Start();
        session.WriteRaw($"Plan: {string.Join(" → ", plan.Select(t => skipped.Contains(t) ? $"({t.Name}: skipped)" : t.Name))}");
        session.Scheduled.UnionWith(plan.Except(skipped));
        var unmet = await UnmetRequirementsAsync(session.Scheduled, parameters, session);
        if (unmet.Count > 0)
        {
            session.WriteRaw("The build cannot start; nothing was run:");
            unmet.ForEach(line => session.WriteRaw($"  - {line}"));
            return Failed;
        }

        var outcomes = await ExecuteAsync(graph, plan, skipped, session);
        SummaryTable.Print(session, outcomes);
        var succeeded = outcomes.All(o => o.Status != TargetStatus.Failed) && !session.CancellationToken.IsCancellationRequested;
        return succeeded ? 0 : Failed;
    }

    /// <summary>Runs the plan in order. After a failure (or a dependency that did not succeed) only targets marked
    /// AssuredAfterFailure still run; after cancellation none does.</summary>
    private static async Task<List<TargetOutcome>> ExecuteAsync(
        TargetGraph graph, IReadOnlyList<TargetDefinition> plan, HashSet<TargetDefinition> skipped, BuildSession session)
    {
        var outcomes = new List<TargetOutcome>();
        var anyFailed = false;
        foreach (var target in plan)
        {
            var outcome = new TargetOutcome(target);
            outcomes.Add(outcome);
            var brokenDependency = graph.Dependencies(target).FirstOrDefault(dependency =>
                session.Outcomes.TryGetValue(dependency, out var status) && status is TargetStatus.Failed or TargetStatus.NotRun);
            if (skipped.Contains(target))
                (outcome.Status, outcome.Reason) = (TargetStatus.Skipped, "--skip");
            else if (session.CancellationToken.IsCancellationRequested)
                outcome.Reason = "cancelled";
            else if (brokenDependency is not null && !target.IsAssuredAfterFailure)
            {
                outcome.Reason = $"{brokenDependency.Name} did not succeed";
            }
            else if (anyFailed && !target.IsAssuredAfterFailure)
                outcome.Reason = "an earlier target failed";
            else
            {
                await RunAsync(outcome, session);
                anyFailed |= outcome.Status == TargetStatus.Failed;
            }

            session.Outcomes[target] = outcome.Status;
            session.Audit?.Target(target.Name, outcome.StatusText, outcome.Reason, outcome.Duration);
        }

        return outcomes;
    }

    private static async Task RunAsync(TargetOutcome outcome, BuildSession session)
    {
        var target = outcome.Target;
        session.WriteRaw($"══ {target.Name} ══");
        session.CurrentTarget = target.Name;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var heartbeat = Log.Progress($"{target.Name} is still running");
            string? upToDate = null;
            if (target.DeclaredInputs is { } inputs)
            {
                var forced = session.IsForced(target.Name);
                upToDate = await Incremental.RunAsync(target.Name, inputs, target.OutputPaths, target.RunActionsAsync, session, forced);
            }
            else
                await target.RunActionsAsync();

            (outcome.Status, outcome.Reason) = upToDate is null ? (TargetStatus.Succeeded, null) : (TargetStatus.UpToDate, upToDate);
        }
        catch (Exception e)
        {
            outcome.Status = TargetStatus.Failed;
            // Failures the build expects explain themselves; anything else is a bug in the build, worth its stack trace.
            var expected = e is ProcessFailedException or TargetFailedException or InvalidOperationException or OperationCanceledException;
            Log.Error(expected ? e.Message : e.ToString());
        }
        finally
        {
            outcome.Duration = stopwatch.Elapsed;
            session.CurrentTarget = null;
        }
    }

    private static void PrintPlan(IReadOnlyList<TargetDefinition> plan, HashSet<TargetDefinition> skipped, BuildSession session)
    {
        session.WriteRaw("Execution plan (nothing runs with --plan):");
        for (var i = 0; i < plan.Count; i++)
        {
            session.WriteRaw($"  {i + 1}. {plan[i].Name}{PlanNote(plan[i], skipped, session)}");
        }

        session.WriteRaw(string.Join(" → ", plan.Select(t => t.Name)));
    }

    /// <summary>What --plan says beside a target: skipped, or whether it is up to date as the files stand now (an
    /// earlier target that runs may still change its inputs; the run decides again).</summary>
    private static string PlanNote(TargetDefinition target, HashSet<TargetDefinition> skipped, BuildSession session)
    {
        if (skipped.Contains(target))
            return "  (skipped: --skip)";

        if (target.DeclaredInputs is not { } inputs)
            return "";

        if (session.IsForced(target.Name))
            return "  (runs: --force)";

        try
        {
            var why = UpToDate.WhyRun(target.Name, inputs.Take(), target.OutputPaths(), out var record);
            return why is null ? $"  (up to date: {UpToDate.Since(record!)})" : $"  (runs: {why})";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // --plan runs nothing, so a tool its inputs name may not be there yet: the run will find out.
            return $"  (runs: its inputs cannot be read yet: {e.Message})";
        }
    }

    /// <summary>Every required parameter that is empty and every requirement that is not met, for all scheduled
    /// targets at once, so one run tells the user everything to fix.</summary>
    private static async Task<List<string>> UnmetRequirementsAsync(
        IEnumerable<TargetDefinition> targets, IReadOnlyList<ParameterMember> parameters, BuildSession session)
    {
        var unmet = new List<string>();
        foreach (var target in targets)
        {
            foreach (var parameter in target.RequiredParameters)
            {
                if (IsEmpty(parameter.Compile()()))
                    unmet.Add(MissingParameter(target, parameter, parameters));
            }

            foreach (var requirement in target.Requirements)
            {
                string? remedy;
                try
                {
                    remedy = await requirement.Check(session.CancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    remedy = $"checking it failed: {e.Message}";
                }

                if (remedy is not null)
                {
                    unmet.Add($"{target.Name} requires {requirement.Name}: {remedy}");
                }
            }
        }

        return unmet;
    }

    private static bool IsEmpty(object? value) => value is null or "" or Array { Length: 0 };

    private static string MissingParameter(
        TargetDefinition target, Expression<Func<object?>> parameter, IReadOnlyList<ParameterMember> parameters)
    {
        // () => Field arrives as a member access, boxed in a conversion when the field is a value type.
        var body = parameter.Body is UnaryExpression conversion ? conversion.Operand : parameter.Body;
        var name = body is MemberExpression member ? member.Member.Name : parameter.ToString();
        return parameters.FirstOrDefault(p => p.Name == name) is { } known
            ? $"{target.Name} needs the parameter {name}: pass {known.CommandLineName} <value>, set {known.EnvironmentName}, "
                + $"or add \"{name}\" to .nuke/parameters.json."
            : $"{target.Name} needs {name} to be set, but it is not a [Parameter] of the build.";
    }

    private static bool AllOptionsKnown(CommandLine commandLine, IReadOnlyList<ParameterMember> parameters, BuildSession session)
    {
        var known = parameters.Select(p => p.CommandLineName.TrimStart('-')).Concat(CommandLine.BuiltIns).ToList();
        var unknown = commandLine.Options.Keys.Where(o => !known.Any(k => ParameterMember.Normalize(k) == o)).ToList();
        foreach (var option in unknown)
        {
            var spelling = commandLine.Spellings[option];
            session.WriteRaw($"error: unknown option {spelling}.{Suggest(spelling.TrimStart('-'), known, "--")}");
        }

        if (unknown.Count > 0)
            session.WriteRaw("Run ./build.sh --help for targets and parameters.");

        return unknown.Count == 0;
    }

    private static bool TryFind(TargetGraph graph, IEnumerable<string> names, BuildSession session, out List<TargetDefinition> targets)
    {
        targets = [];
        foreach (var name in names)
        {
            if (graph.Find(name) is not { } target)
            {
                var all = graph.Targets.Select(t => t.Name).ToList();
                session.WriteRaw($"error: there is no target '{name}'.{Suggest(name, all, "")}");
                session.WriteRaw($"Targets: {string.Join(", ", all.Order(StringComparer.Ordinal))}. Run ./build.sh --help for details.");
                return false;
            }

            targets.Add(target);
        }

        return true;
    }

    private static string Suggest(string given, IEnumerable<string> candidates, string prefix)
    {
        var matches = CloseMatches.Find(given, candidates);
        return matches.Count == 0 ? "" : $" Did you mean {string.Join(" or ", matches.Take(3).Select(m => prefix + m))}?";
    }
}
