namespace Todo.Smoke.Tests;

/// <summary>
/// The smoke suite: named checks that run in order against one deployment, split by concern over partial files.
/// </summary>
[TestCaseOrderer(CheckOrderer.TypeName, CheckOrderer.AssemblyName)]
public sealed partial class SmokeChecks(SmokeSession session) : IClassFixture<SmokeSession>;
