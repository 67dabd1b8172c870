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

    public ITargetDefinition Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    public ITargetDefinition DependsOn(params Target[] targets) => Add(Dependencies, targets);

    public ITargetDefinition Triggers(params Target[] targets) => Add(Triggered, targets);

    public ITargetDefinition Before(params Target[] targets) => Add(RunsBefore, targets);

    public ITargetDefinition After(params Target[] targets) => Add(RunsAfter, targets);

    public ITargetDefinition Requires(Requirement requirement)
    {
        Requirements.Add(requirement);
        return this;
    }

    public ITargetDefinition Requires(Expression<Func<object?>> parameter)
    {
        RequiredParameters.Add(parameter);
        return this;
    }

    public ITargetDefinition Inputs(Action<Inputs> describe)
    {
        ArgumentNullException.ThrowIfNull(describe);
        describe(DeclaredInputs ??= new Inputs());
        return this;
    }

    public ITargetDefinition Outputs(Func<IEnumerable<AbsolutePath>> outputs)
    {
        DeclaredOutputs.Add(outputs);
        return this;
    }

    public ITargetDefinition AssuredAfterFailure()
    {
        IsAssuredAfterFailure = true;
        return this;
    }

    public ITargetDefinition Executes(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(() =>
        {
            action();
            return Task.CompletedTask;
        });
        return this;
    }

    public ITargetDefinition Executes(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(action);
        return this;
    }

    private TargetDefinition Add(List<Target> list, Target[] targets)
    {
        list.AddRange(targets);
        return this;
    }
}
