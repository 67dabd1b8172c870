using System.Linq.Expressions;

namespace Engine;

/// <summary>What one target declared about itself. Other targets are kept as delegates and resolved to names by
/// the graph, because a <see cref="Target"/> property returns a fresh delegate on every read.</summary>
internal sealed class TargetDefinition(string name) : ITargetDefinition
{
    public string Name { get; } = name;

    public string? DescriptionText { get; private set; }

    public List<Target> Dependencies { get; } = [];

    public List<Target> Triggered { get; } = [];

    public List<Target> RunsBefore { get; } = [];

    public List<Target> RunsAfter { get; } = [];

    public List<Requirement> Requirements { get; } = [];

    public List<Expression<Func<object?>>> RequiredParameters { get; } = [];

    public bool IsAssuredAfterFailure { get; private set; }

    public List<Func<Task>> Actions { get; } = [];

    /// <summary>Set by <see cref="Inputs(Action{Engine.Inputs})"/>: the target may be up to date.</summary>
    public Inputs? DeclaredInputs { get; private set; }

    public List<Func<IEnumerable<AbsolutePath>>> DeclaredOutputs { get; } = [];

    public IEnumerable<AbsolutePath> OutputPaths() => DeclaredOutputs.SelectMany(outputs => outputs());

    public async Task RunActionsAsync()
    {
        foreach (var action in Actions)
            await action();
    }

    public ITargetDefinition Description(string description) => With(() => DescriptionText = description);

    public ITargetDefinition DependsOn(params Target[] targets) => With(() => Dependencies.AddRange(targets));

    public ITargetDefinition Triggers(params Target[] targets) => With(() => Triggered.AddRange(targets));

    public ITargetDefinition Before(params Target[] targets) => With(() => RunsBefore.AddRange(targets));

    public ITargetDefinition After(params Target[] targets) => With(() => RunsAfter.AddRange(targets));

    public ITargetDefinition Requires(Requirement requirement) => With(() => Requirements.Add(requirement));

    public ITargetDefinition Requires(Expression<Func<object?>> parameter) => With(() => RequiredParameters.Add(parameter));

    public ITargetDefinition Inputs(Action<Inputs> describe) => With(() => describe(DeclaredInputs ??= new Inputs()));

    public ITargetDefinition Outputs(Func<IEnumerable<AbsolutePath>> outputs) => With(() => DeclaredOutputs.Add(outputs));

    public ITargetDefinition AssuredAfterFailure() => With(() => IsAssuredAfterFailure = true);

    public ITargetDefinition Executes(Action action) => With(() => Actions.Add(() =>
    {
        action();
        return Task.CompletedTask;
    }));

    public ITargetDefinition Executes(Func<Task> action) => With(() => Actions.Add(action));

    private TargetDefinition With(Action change)
    {
        change();
        return this;
    }
}
