using System.Reflection;

namespace Engine;

/// <summary>The targets of a build: every <see cref="Target"/> property of the build class and its base classes,
/// keyed by the lambda behind it.</summary>
internal sealed class TargetGraph
{
    private readonly Dictionary<MethodInfo, TargetDefinition> _byLambda = [];

    private TargetGraph(IReadOnlyList<TargetDefinition> targets) => Targets = targets;

    public IReadOnlyList<TargetDefinition> Targets { get; }

    public static TargetGraph Discover(BuildBase build)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var type = build.GetType();
        var properties = new List<PropertyInfo>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            properties.AddRange(t.GetProperties(flags | BindingFlags.DeclaredOnly)
                .Where(p => p.PropertyType == typeof(Target))
                .OrderBy(p => p.MetadataToken));

        var found = new List<(TargetDefinition Definition, Target Delegate)>();
        foreach (var property in properties)
        {
            // A derived class's property hides the base's of the same name: the first one found wins.
            if (found.Any(f => f.Definition.Name == property.Name) || property.GetValue(build) is not Target target)
                continue;

            found.Add((new TargetDefinition(property.Name), target));
        }

        var graph = new TargetGraph([.. found.Select(f => f.Definition)]);
        foreach (var (definition, target) in found)
            graph._byLambda.TryAdd(target.Method, definition);

        foreach (var (definition, target) in found)
            target(definition);

        return graph;
    }

    public TargetDefinition Resolve(Target target) =>
        _byLambda.TryGetValue(target.Method, out var definition)
            ? definition
            : throw new InvalidOperationException(
                $"A target refers to '{target.Method.Name}', which is not a Target property of the build.");

    public TargetDefinition? Find(string name) =>
        Targets.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<TargetDefinition> Dependencies(TargetDefinition target) => target.Dependencies.Select(Resolve);
}
