using Engine;

namespace Helm;

/// <summary>Preconditions of the chart stages, checked before any target runs.</summary>
public static class ChartRequirements
{
    /// <summary>helm on PATH, or the pinned one the engine provisions into .nuke/temp/tools.</summary>
    public static Requirement HelmResolvable { get; } = new("helm", async cancellationToken =>
    {
        try
        {
            await HelmCli.ResolveAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"helm is not on PATH and the build could not provision it ({e.Message}). "
                + "Install helm 3.8 or later (https://helm.sh/docs/intro/install/) and put it on PATH, then run again.";
        }
    });
}
