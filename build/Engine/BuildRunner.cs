using System.Diagnostics;
using System.Linq.Expressions;

namespace Engine;

/// <summary>Runs a build: reads the command line and parameters, plans, checks every requirement, runs the targets,
/// prints the summary. Tests call it in-process with their own arguments, environment and output.</summary>
public static class BuildRunner
{
    private const int UsageError = 2;

    public static Task<int> RunAsync<T>(BuildInvocation invocation, params Expression<Func<T, Target>>[] defaultTargets)
        where T : BuildBase, new()
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var names = defaultTargets.Select(e => e.Body is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException("Default targets are given as x => x.Target.", nameof(defaultTargets)));
        return RunAsync(new T(), invocation, [.. names]);
    }

    public static async Task<int> RunAsync(BuildBase build, BuildInvocation invocation, IReadOnlyList<string> defaultTargets)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(invocation);
        var environment = invocation.Environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        var session = new BuildSession(
            new AbsolutePath(Path.GetFullPath(invocation.RootDirectory ?? Directory.GetCurrentDirectory())),
            invocation.Output ?? Console.Out,
            environment,
            invocation.CancellationToken)
        {
            HeartbeatInterval = invocation.HeartbeatInterval,
        };
        build.Session = session;
        using var scope = BuildSession.Enter(session);
        try
        {
            return await RunAsync(build, session, invocation, defaultTargets);
        }
        catch (Exception e) when (e is ParameterException or TargetCycleException or InvalidOperationException)
        {
            // Mistakes in how the build is used or declared: the message says what to fix, a stack trace would not.
            session.WriteRaw($"error: {e.Message}");
            return UsageError;
        }
    }

    private static async Task<int> RunAsync(BuildBase build, BuildSession session, BuildInvocation invocation, IReadOnlyList<string> defaultTargets)
    {
        var commandLine = CommandLine.Parse(invocation.Arguments);
        var graph = TargetGraph.Discover(build);
        session.Graph = graph;
        var parameters = ParameterMember.Discover(build.GetType());
        var defaults = parameters.ToDictionary(p => p, p => p.GetValue(build));
        var root = session.RootDirectory;

        SchemaWriter.WriteIfChanged(root / ".nuke" / "build.schema.json", SchemaWriter.Generate(parameters));
        if (invocation.WriteWorkflows ?? !session.IsCi)
        {
            foreach (var (file, content) in WorkflowWriter.Generate(build))
            {
                WorkflowWriter.WriteIfChanged(root / file, content);
            }
        }

        var unknownOptions = commandLine.Options.Keys
            .Where(o => !CommandLine.IsBuiltIn(o) && parameters.All(p => ParameterMember.Normalize(p.Name) != o))
            .ToList();
        if (unknownOptions.Count > 0)
        {
            var known = parameters.Select(p => p.CommandLineName).Concat(["--help", "--plan", "--skip", "--force", "--profile"]);
            foreach (var option in unknownOptions)
            {
                var spelling = commandLine.Spellings[option];
                session.WriteRaw($"error: unknown option {spelling}.{Suggest(spelling.TrimStart('-'), known.Select(k => k.TrimStart('-')), "--")}");
            }

            session.WriteRaw("Run ./build.sh --help for targets and parameters.");
            return UsageError;
        }

        ParameterResolver.Apply(build, parameters, commandLine.Options, session.Environment, root, commandLine.Profile, session.Redactor);

        if (commandLine.Help)
        {
            Help.Print(session, graph, parameters, defaults, defaultTargets);
            return 0;
        }

        var invoked = new List<TargetDefinition>();
        foreach (var name in commandLine.Targets.Count > 0 ? commandLine.Targets : defaultTargets)
        {
            if (!TryFind(graph, name, session, out var target))
            {
                return UsageError;
            }

            invoked.Add(target);
        }

        var plan = ExecutionPlan.Create(graph, invoked);
        var skipped = new HashSet<TargetDefinition>();
        if (commandLine.Skip is { } skip)
        {
            if (skip.Count == 0)
            {
                skipped.UnionWith(plan.Except(invoked));
            }

            foreach (var name in skip)
            {
                if (!TryFind(graph, name, session, out var target))
                {
                    return UsageError;
                }

                skipped.Add(target);
            }
        }

        if (commandLine.Force is { } force)
        {
            session.Forced = force.Count == 0 ? null : [];
            foreach (var name in force)
            {
                if (!TryFind(graph, name, session, out var target))
                {
                    return UsageError;
                }

                session.Forced!.Add(target.Name);
            }
        }

        if (commandLine.Plan)
        {
            session.WriteRaw("Execution plan (nothing runs with --plan):");
            for (var i = 0; i < plan.Count; i++)
            {
                session.WriteRaw($"  {i + 1}. {plan[i].Name}{PlanNote(plan[i], skipped, session)}");
            }

            session.WriteRaw(string.Join(" → ", plan.Select(t => t.Name)));
            return 0;
        }

        session.Audit = new AuditLog(build.ArtifactsDirectory / "build-audit.jsonl", session.Redactor);
        session.Audit.Start();
        session.WriteRaw($"Plan: {string.Join(" → ", plan.Select(t => skipped.Contains(t) ? $"({t.Name}: skipped)" : t.Name))}");

        session.Scheduled.UnionWith(plan.Where(t => !skipped.Contains(t)));
        var unmet = await UnmetRequirementsAsync(session.Scheduled, parameters, session);
        if (unmet.Count > 0)
        {
            session.WriteRaw("The build cannot start; nothing was run:");
            unmet.ForEach(line => session.WriteRaw($"  - {line}"));
            return 1;
        }

        var outcomes = await ExecuteAsync(graph, plan, skipped, session);
        SummaryTable.Print(session, outcomes);
        return outcomes.Any(o => o.Status == TargetStatus.Failed) || session.CancellationToken.IsCancellationRequested ? 1 : 0;
    }

    private static async Task<List<TargetOutcome>> ExecuteAsync(TargetGraph graph, IReadOnlyList<TargetDefinition> plan, HashSet<TargetDefinition> skipped, BuildSession session)
    {
        var outcomes = plan.Select(t => new TargetOutcome(t)).ToList();
        var byTarget = outcomes.ToDictionary(o => o.Target);
        var stopped = false;
        foreach (var outcome in outcomes)
        {
            var target = outcome.Target;
            var brokenDependency = graph.Dependencies(target).FirstOrDefault(d => byTarget.TryGetValue(d, out var o) && o.Status is TargetStatus.Failed or TargetStatus.NotRun);
            if (skipped.Contains(target))
            {
                (outcome.Status, outcome.Reason) = (TargetStatus.Skipped, "--skip");
            }
            else if (session.CancellationToken.IsCancellationRequested)
            {
                outcome.Reason = "cancelled";
            }
            else if ((stopped || brokenDependency is not null) && !target.IsAssuredAfterFailure)
            {
                outcome.Reason = brokenDependency is null ? "an earlier target failed" : $"{brokenDependency.Name} did not succeed";
            }
            else
            {
                await RunAsync(outcome, session);
                stopped |= outcome.Status == TargetStatus.Failed;
            }

            session.Outcomes[target] = outcome.Status;
            if (outcome.Status != TargetStatus.Succeeded)
            {
                session.Audit?.Target(target.Name, outcome.StatusText, outcome.Reason, outcome.Duration);
            }
        }

        return outcomes;
    }

    private static async Task RunAsync(TargetOutcome outcome, BuildSession session)
    {
        var target = outcome.Target;
        session.CurrentTarget = null;
        session.WriteRaw($"══ {target.Name} ══");
        session.CurrentTarget = target.Name;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using (Log.Progress($"{target.Name} is still running"))
            {
                async Task Actions()
                {
                    foreach (var action in target.Actions)
                    {
                        await action();
                    }
                }

                string? upToDate = null;
                if (target.DeclaredInputs is { } inputs)
                {
                    upToDate = await Incremental.RunAsync(target.Name, inputs, target.OutputPaths, Actions, session, session.IsForced(target.Name));
                }
                else
                {
                    await Actions();
                }

                (outcome.Status, outcome.Reason) = upToDate is null ? (TargetStatus.Succeeded, null) : (TargetStatus.UpToDate, upToDate);
            }

        }
        catch (Exception e)
        {
            outcome.Status = TargetStatus.Failed;
            var expected = e is ProcessFailedException or TargetFailedException or InvalidOperationException or OperationCanceledException;
            Log.Error(expected ? e.Message : e.ToString());
        }
        finally
        {
            outcome.Duration = stopwatch.Elapsed;
            if (outcome.Status is TargetStatus.Succeeded or TargetStatus.UpToDate)
            {
                session.Audit?.Target(target.Name, outcome.StatusText, outcome.Reason, outcome.Duration);
            }

            session.CurrentTarget = null;
        }
    }

    /// <summary>What --plan says beside a target: skipped, or whether it is up to date as the files stand now (an
    /// earlier target that runs may still change its inputs; the run decides again).</summary>
    private static string PlanNote(TargetDefinition target, HashSet<TargetDefinition> skipped, BuildSession session)
    {
        if (skipped.Contains(target))
        {
            return "  (skipped: --skip)";
        }

        if (target.DeclaredInputs is not { } inputs)
        {
            return "";
        }

        if (session.IsForced(target.Name))
        {
            return "  (runs: --force)";
        }

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

    private static async Task<List<string>> UnmetRequirementsAsync(IEnumerable<TargetDefinition> targets, IReadOnlyList<ParameterMember> parameters, BuildSession session)
    {
        var unmet = new List<string>();
        foreach (var target in targets)
        {
            foreach (var parameter in target.RequiredParameters)
            {
                var value = parameter.Compile()();
                if (value is null || (value is string s && s.Length == 0) || (value is Array a && a.Length == 0))
                {
                    var name = (parameter.Body is UnaryExpression unary ? unary.Operand : parameter.Body) is MemberExpression member ? member.Member.Name : parameter.ToString();
                    unmet.Add(parameters.FirstOrDefault(p => p.Name == name) is { } known
                        ? $"{target.Name} needs the parameter {name}: pass {known.CommandLineName} <value>, set {known.EnvironmentName}, or add \"{name}\" to .nuke/parameters.json."
                        : $"{target.Name} needs {name} to be set, but it is not a [Parameter] of the build.");
                }
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

    private static bool TryFind(TargetGraph graph, string name, BuildSession session, out TargetDefinition target)
    {
        target = graph.Find(name)!;
        if (target is not null)
        {
            return true;
        }

        session.WriteRaw($"error: there is no target '{name}'.{Suggest(name, graph.Targets.Select(t => t.Name), "")}");
        session.WriteRaw($"Targets: {string.Join(", ", graph.Targets.Select(t => t.Name).Order(StringComparer.Ordinal))}. Run ./build.sh --help for details.");
        return false;
    }

    private static string Suggest(string given, IEnumerable<string> candidates, string prefix)
    {
        var matches = CloseMatches.Find(given, candidates);
        return matches.Count == 0 ? "" : $" Did you mean {string.Join(" or ", matches.Take(3).Select(m => prefix + m))}?";
    }
}
