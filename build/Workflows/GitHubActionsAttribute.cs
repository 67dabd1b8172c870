using Engine;

namespace Workflows;

public enum GitHubActionsTrigger
{
    Push,
    PullRequest,
    WorkflowDispatch,
}

/// <summary>Declares one job of a GitHub Actions workflow that runs <c>./build.sh &lt;InvokedTargets&gt;</c>.
/// Repeat the attribute for more jobs (same <see cref="Workflow"/>, another <see cref="Job"/>) or more workflows.
/// The build writes .github/workflows/&lt;Workflow&gt;.yml from these; a test fails when the committed file differs.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GitHubActionsAttribute(string workflow) : Attribute
{
    public string Workflow { get; } = workflow;

    /// <summary>The job id; defaults to the workflow's name.</summary>
    public string? Job { get; set; }

    /// <summary>Triggers of the workflow (taken from its first job's attribute).</summary>
    public GitHubActionsTrigger[] On { get; set; } = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest];

    /// <summary>Branches whose pushes trigger the workflow.</summary>
    public string[] OnPushBranches { get; set; } = ["main"];

    public string[] InvokedTargets { get; set; } = [];

    /// <summary>Extra arguments after the targets, e.g. <c>--profile ci</c>.</summary>
    public string[] Arguments { get; set; } = [];

    public string RunsOn { get; set; } = "ubuntu-latest";

    /// <summary>0 = full history, which GitVersion needs.</summary>
    public int FetchDepth { get; set; }

    public int TimeoutMinutes { get; set; } = 60;

    /// <summary>Jobs of the same workflow that must finish first.</summary>
    public string[] Needs { get; set; } = [];

    /// <summary>Name of a static property or method of the build returning <c>IEnumerable&lt;GitHubActionsStep&gt;</c>:
    /// steps run after .NET is set up and before the build (e.g. creating a kind cluster).</summary>
    public string? SetupSteps { get; set; }

    /// <summary>Name of a static property or method of the build returning <c>IEnumerable&lt;GitHubActionsService&gt;</c>:
    /// service containers of the job (e.g. PostgreSQL for the tests, reached on localhost through its mapped port).</summary>
    public string? Services { get; set; }

    /// <summary>Caches ~/.nuget/packages between runs, keyed by the project files and the central package versions.</summary>
    public bool CacheNuGetPackages { get; set; } = true;

    /// <summary>Repository secrets passed to the build as environment variables of the same name.</summary>
    public string[] ImportSecrets { get; set; } = [];

    /// <summary>Plain environment variables for the build step, as NAME=value.</summary>
    public string[] Environment { get; set; } = [];
}

/// <summary>One extra workflow step: <see cref="Uses"/> an action (with <see cref="With"/>) or <see cref="Run"/>s a script.</summary>
public sealed class GitHubActionsStep(string name)
{
    public string Name { get; } = name;

    public string? Uses { get; init; }

    public string? Run { get; init; }

    public string? If { get; init; }

    public Dictionary<string, string> With { get; init; } = [];

    public Dictionary<string, string> Env { get; init; } = [];
}

/// <summary>A job's service container (GitHub's <c>jobs.&lt;id&gt;.services</c>): an image, its environment, published
/// ports (host:container) and <c>docker create</c> options such as a health check, which the runner waits for.</summary>
public sealed class GitHubActionsService(string id, string image)
{
    public string Id { get; } = id;

    public string Image { get; } = image;

    public Dictionary<string, string> Env { get; init; } = [];

    public string[] Ports { get; init; } = [];

    public string? Options { get; init; }
}
