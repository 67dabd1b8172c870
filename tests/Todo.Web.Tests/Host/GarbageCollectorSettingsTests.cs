using System.Text.Json.Nodes;
using Shouldly;
using Todo.Web.Tests.Browser;
using Xunit;

namespace Todo.Web.Tests.Host;

/// <summary>The host's GC settings as the build writes them for the runtime (runtimeconfig.json; the NativeAOT publish
/// compiles the same settings into the executable): workstation, non-concurrent GC for a small pod (docs/images.md).
/// A misspelt MSBuild property is silently ignored, which is how the Web SDK's default, server GC, once shipped.</summary>
public sealed class GarbageCollectorSettingsTests
{
    [Fact]
    public void The_host_runs_with_workstation_non_concurrent_garbage_collection()
    {
        var file = Path.ChangeExtension(RepositoryLayout.FrontendAssembly, ".runtimeconfig.json");
        var settings = JsonNode.Parse(File.ReadAllText(file))!["runtimeOptions"]!["configProperties"]!;

        settings["System.GC.Server"].ShouldNotBeNull($"{file} leaves the GC mode to the runtime's default")
            .GetValue<bool>().ShouldBeFalse($"{file} asks for server GC");
        settings["System.GC.Concurrent"].ShouldNotBeNull($"{file} leaves background GC to the runtime's default")
            .GetValue<bool>().ShouldBeFalse($"{file} asks for background GC");
    }

    /// <summary>The backend keeps background GC (short pauses under load) but not server GC's per-core heaps: its pod
    /// gets at most one core. It shipped server GC through the same misspelt property.</summary>
    [Fact]
    public void The_backend_runs_with_workstation_garbage_collection()
    {
        var file = Path.ChangeExtension(RepositoryLayout.BackendAssembly, ".runtimeconfig.json");
        var settings = JsonNode.Parse(File.ReadAllText(file))!["runtimeOptions"]!["configProperties"]!;

        settings["System.GC.Server"].ShouldNotBeNull($"{file} leaves the GC mode to the runtime's default")
            .GetValue<bool>().ShouldBeFalse($"{file} asks for server GC");
    }
}
