using System.Linq.Expressions;

namespace Engine;

/// <summary>A target is a function that configures its definition: <c>Target Compile => _ => _.DependsOn(Restore)…</c>.</summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);

/// <summary>The fluent surface a target uses to describe itself; see docs/build-engine.md.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    ITargetDefinition DependsOn(params Target[] targets);

    ITargetDefinition Triggers(params Target[] targets);

    ITargetDefinition Before(params Target[] targets);

    ITargetDefinition After(params Target[] targets);

    ITargetDefinition Requires(Requirement requirement);

    ITargetDefinition Requires(Expression<Func<object?>> parameter);

    /// <summary>What the result depends on. A target with inputs is up to date, and does not run, when they are as
    /// they were after its last success and its <see cref="Outputs"/> are as that run left them.</summary>
    ITargetDefinition Inputs(Action<Inputs> describe);

    /// <summary>Files or folders the target produces; one that is missing or changed makes it run again.</summary>
    ITargetDefinition Outputs(Func<IEnumerable<AbsolutePath>> outputs);

    ITargetDefinition AssuredAfterFailure();

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Func<Task> action);
}
