using Xunit.Abstractions;
using Xunit.Sdk;

namespace Todo.Smoke.Tests;

/// <summary>
/// One named smoke check. The number fixes its place in the run (later checks build on what earlier ones created)
/// and leads its name, so the build summary lists checks in the order they ran.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public class CheckAttribute : FactAttribute
{
    public CheckAttribute(int order, string name)
    {
        Order = order;
        DisplayName = $"{order:00} {name}";
    }

    public int Order { get; }
}

/// <summary>A check of the backend's own endpoints: skipped, with the reason, when the backend is not exposed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BackendCheckAttribute : CheckAttribute
{
    public BackendCheckAttribute(int order, string name)
        : base(order, name)
    {
        if (SmokeEndpoints.Backend is null)
            Skip = $"{SmokeEndpoints.BackendUrlVariable} is not set: the backend is not exposed to the suite";
    }
}

/// <summary>Runs checks by their <see cref="CheckAttribute.Order"/>, not by xunit's default (hash) order.</summary>
public sealed class CheckOrderer : ITestCaseOrderer
{
    public const string TypeName = "Todo.Smoke.Tests.CheckOrderer";
    public const string AssemblyName = "Todo.Smoke.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => OrderOf(testCase));

    static int OrderOf(ITestCase testCase) =>
        testCase.TestMethod.Method
            .GetCustomAttributes(typeof(CheckAttribute).AssemblyQualifiedName)
            .Select(attribute => attribute.GetConstructorArguments().First())
            .OfType<int>()
            .DefaultIfEmpty(int.MaxValue)
            .First();
}
