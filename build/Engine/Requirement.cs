namespace Engine;

/// <summary>A precondition of a target, checked for every scheduled target before the first one runs.
/// <paramref name="check"/> answers <c>null</c> when satisfied, otherwise the remedy to show the user.</summary>
public sealed class Requirement(string name, Func<CancellationToken, Task<string?>> check)
{
    public string Name { get; } = name;

    public Func<CancellationToken, Task<string?>> Check { get; } = check;

    public override string ToString() => Name;
}
