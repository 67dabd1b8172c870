using Workflows;
using Engine;

namespace Build.Tests.Workflows;

public class WorkflowTests
{
    [GitHubActions("ci", Job = "test", InvokedTargets = ["Test"])]
    [GitHubActions("ci", Job = "deploy", InvokedTargets = ["Deploy"], Needs = ["test"], SetupSteps = nameof(ClusterSteps), ImportSecrets = ["OPENAI_API_KEY"])]
    sealed class WorkflowBuild : BuildBase
    {
        static IEnumerable<GitHubActionsStep> ClusterSteps =>
        [
            new GitHubActionsStep("Create a kind cluster") { Uses = "helm/kind-action@v1", With = { ["cluster_name"] = "todo" } },
        ];
    }

    [Fact]
    public void The_committed_workflows_are_what_the_build_generates()
    {
        var root = RepositoryRoot();
        var build = (BuildBase)Activator.CreateInstance(Type.GetType("Build, _build", throwOnError: true)!, nonPublic: true)!;

        foreach (var (file, content) in WorkflowWriter.Generate(build))
        {
            var committed = Path.Combine(root, file);
            Assert.True(File.Exists(committed), $"{file} is missing: run ./build.sh GenerateWorkflows and commit it.");
            Assert.True(content == File.ReadAllText(committed), $"{file} differs from what build/Build.cs declares: run ./build.sh GenerateWorkflows and commit it.");
        }
    }

    [Fact]
    public void A_second_job_gets_its_setup_steps_before_the_build_and_runs_after_the_first()
    {
        var yaml = WorkflowWriter.Generate(new WorkflowBuild())[".github/workflows/ci.yml"];

        Assert.Contains("      - name: Create a kind cluster\n        uses: helm/kind-action@v1\n        with:\n          cluster_name: todo\n      - name: ./build.sh Deploy\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  deploy:\n    name: ./build.sh Deploy\n    runs-on: ubuntu-latest\n    timeout-minutes: 60\n    needs: [test]\n", yaml, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY: '${{ secrets.OPENAI_API_KEY }}'", yaml, StringComparison.Ordinal);
        Assert.Contains("fetch-depth: 0", yaml, StringComparison.Ordinal);
        Assert.Contains("if: always()\n        uses: actions/upload-artifact@v4", yaml, StringComparison.Ordinal);
    }

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TodoApp.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with TodoApp.slnx) is not above the test's directory.");
    }
}
