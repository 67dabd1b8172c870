namespace Engine;

/// <summary>Which targets run, in which order: the invoked ones, what they depend on and what they trigger, ordered so
/// dependencies, triggers and Before/After (between scheduled targets) hold.</summary>
internal static class ExecutionPlan
{
    public static IReadOnlyList<TargetDefinition> Create(TargetGraph graph, IReadOnlyList<TargetDefinition> invoked)
    {
        var scheduled = Schedule(graph, invoked);
        var preference = Preference(graph, invoked, scheduled);

        // Edges: key runs before every value.
        var edges = scheduled.ToDictionary(t => t, _ => new HashSet<TargetDefinition>());
        void Edge(TargetDefinition first, TargetDefinition then)
        {
            if (scheduled.Contains(first) && scheduled.Contains(then) && first != then)
                edges[first].Add(then);
        }

        foreach (var target in scheduled)
        {
            graph.Dependencies(target).ToList().ForEach(d => Edge(d, target));
            target.Triggered.Select(graph.Resolve).ToList().ForEach(t => Edge(target, t));
            target.RunsAfter.Select(graph.Resolve).ToList().ForEach(t => Edge(t, target));
            target.RunsBefore.Select(graph.Resolve).ToList().ForEach(t => Edge(target, t));
        }

        // Kahn's algorithm, always taking the ready target that comes first in the preferred (depth-first) order.
        var incoming = scheduled.ToDictionary(t => t, t => edges.Count(e => e.Value.Contains(t)));
        var order = new List<TargetDefinition>();
        var ready = scheduled.Where(t => incoming[t] == 0).ToList();
        while (ready.Count > 0)
        {
            var next = ready.MinBy(t => preference[t])!;
            ready.Remove(next);
            order.Add(next);
            foreach (var then in edges[next])
            {
                if (--incoming[then] == 0)
                    ready.Add(then);
            }
        }

        if (order.Count < scheduled.Count)
            throw new TargetCycleException(FindCycle(graph, scheduled.Except(order).ToHashSet(), edges));

        return order;
    }

    private static HashSet<TargetDefinition> Schedule(TargetGraph graph, IReadOnlyList<TargetDefinition> invoked)
    {
        var scheduled = new HashSet<TargetDefinition>();
        var work = new Queue<TargetDefinition>(invoked);
        while (work.TryDequeue(out var target))
        {
            if (!scheduled.Add(target))
                continue;

            foreach (var next in graph.Dependencies(target).Concat(target.Triggered.Select(graph.Resolve)))
                work.Enqueue(next);
        }

        return scheduled;
    }

    private static Dictionary<TargetDefinition, int> Preference(
        TargetGraph graph, IReadOnlyList<TargetDefinition> invoked, HashSet<TargetDefinition> scheduled)
    {
        var preference = new Dictionary<TargetDefinition, int>();
        var visiting = new HashSet<TargetDefinition>();
        void Visit(TargetDefinition target)
        {
            if (preference.ContainsKey(target) || !visiting.Add(target))
                return;

            foreach (var dependency in graph.Dependencies(target))
                Visit(dependency);

            preference[target] = preference.Count;
        }

        invoked.ToList().ForEach(Visit);
        graph.Targets.Where(scheduled.Contains).ToList().ForEach(Visit);
        return preference;
    }

    private static List<string> FindCycle(
        TargetGraph graph, HashSet<TargetDefinition> remaining, Dictionary<TargetDefinition, HashSet<TargetDefinition>> edges)
    {
        // Every target left over has a predecessor that is left over too: walk backwards until a target repeats.
        var path = new List<TargetDefinition>();
        var current = remaining.First();
        while (!path.Contains(current))
        {
            path.Add(current);
            var target = current;
            current = remaining.First(r => edges[r].Contains(target));
        }

        // Read as "waits for": each target must wait for the next one. Start at the first declared, for a stable message.
        var cycle = path.Skip(path.IndexOf(current)).ToList();
        var start = cycle.IndexOf(cycle.MinBy(t => graph.Targets.ToList().IndexOf(t))!);
        var rotated = cycle.Skip(start).Concat(cycle.Take(start)).ToList();
        return [.. rotated.Append(rotated[0]).Select(t => t.Name)];
    }
}

/// <summary>The targets' ordering constraints contradict each other.</summary>
internal sealed class TargetCycleException(IReadOnlyList<string> cycle)
    : Exception($"The targets form a cycle, each waiting for the next: {string.Join(" → ", cycle)}. "
        + "Remove one of these DependsOn/Triggers/Before/After relations.");
