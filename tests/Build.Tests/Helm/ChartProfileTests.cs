using Helm;

namespace Build.Tests.Helm;

/// <summary>--values-profile names a file of the chart's ci/ directory; Rehearse and HelmInstall check it the same way.</summary>
public sealed class ChartProfileTests : IDisposable
{
    readonly string chart = Directory.CreateTempSubdirectory("chart-").FullName;

    public ChartProfileTests()
    {
        Directory.CreateDirectory(Path.Combine(chart, "ci"));
        File.WriteAllText(Path.Combine(chart, "ci", "kind-values.yaml"), "");
        File.WriteAllText(Path.Combine(chart, "ci", "minikube-values.yaml"), "");
    }

    [Fact]
    public void An_existing_profile_or_none_is_no_problem()
    {
        Assert.Null(ChartProfile.Problem(chart, "kind"));
        Assert.Null(ChartProfile.Problem(chart, null));
        Assert.Equal(Path.Combine(chart, "ci", "kind-values.yaml"), ChartProfile.FileOf(chart, "kind"));
    }

    [Fact]
    public void A_misspelled_profile_is_refused_naming_the_missing_file_and_the_profiles_there_are()
    {
        var problem = ChartProfile.Problem(chart, "knd");

        Assert.Equal(
            $"--values-profile knd: there is no {Path.Combine("charts", Path.GetFileName(chart), "ci", "knd-values.yaml")}. Profiles: kind, minikube.",
            problem);
    }

    public void Dispose() => Directory.Delete(chart, recursive: true);
}
