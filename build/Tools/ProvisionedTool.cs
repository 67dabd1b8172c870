using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Engine;

namespace Tools;

/// <summary>An external tool the build can find or fetch by itself. <c>await BuildTools.Helm</c> (or
/// <c>await BuildTools.Helm.ResolveAsync(ct)</c>) answers the executable's absolute path.</summary>
public sealed class ProvisionedTool
{
    private readonly Func<AbsolutePath, CancellationToken, Task<string>> _provision;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _resolved = new();

    internal ProvisionedTool(string name, Func<AbsolutePath, CancellationToken, Task<string>> provision)
    {
        Name = name;
        _provision = provision;
    }

    public string Name { get; }

    /// <summary>Resolved once per tools directory (<c>.nuke/temp/tools</c>) and process.</summary>
    public Task<string> ResolveAsync(CancellationToken cancellationToken = default)
    {
        var toolsDirectory = BuildContext.RootDirectory / ".nuke" / "temp" / "tools";
        var resolution = _resolved.GetOrAdd(toolsDirectory, _
            => new Lazy<Task<string>>(() => _provision(toolsDirectory, cancellationToken)));
        if (resolution.Value.IsFaulted || resolution.Value.IsCanceled)
        {
            // A failed attempt (offline, cancelled) must not stick: the next caller tries again.
            _resolved.TryRemove(toolsDirectory, out _);
        }

        return resolution.Value;
    }

    public TaskAwaiter<string> GetAwaiter() => ResolveAsync().GetAwaiter();

    public override string ToString() => Name;
}

/// <summary>The tools the engine provisions; see docs/build.md for where each comes from.</summary>
public static class BuildTools
{
    public static ProvisionedTool Helm { get; } = new("helm", HelmProvisioning.ProvisionAsync);

    public static ProvisionedTool Chromium { get; } = new("chromium", ChromiumProvisioning.ProvisionAsync);
}
