namespace Engine;

/// <summary>A precondition of a target, checked for every scheduled target before the first one runs.
/// <paramref name="check"/> answers <c>null</c> when satisfied, otherwise the remedy to show the user.</summary>
public sealed record Requirement(string Name, Func<CancellationToken, Task<string?>> Check)
{
    public override string ToString() => Name;
}
