using Helm;
using Engine;
using Provisioning;

partial class Build
{
    AbsolutePath ChartDirectory => RootDirectory / "charts" / "todo-app";

    AbsolutePath ChartPackagesDirectory => ArtifactsDirectory / "charts";

    Target HelmLint => _ => _
        .Description("Lints (--strict) and renders the chart for every profile (default values and each ci/*-values.yaml), "
            + "parses every object strictly into Kubernetes models and checks the chart policy")
        .Requires(ChartRequirements.HelmResolvable)
        .Executes(async () =>
        {
            var verification = new ChartVerification(await HelmCli.ResolveAsync(CancellationToken), ChartDirectory);
            var profiles = ChartProfile.Discover(ChartDirectory);
            var failed = new List<string>();
            foreach (var profile in profiles)
            {
                var verdict = await verification.VerifyAsync(profile, CancellationToken);
                if (verdict.Passed)
                {
                    Log.Success("profile {0}: lint --strict, render, strict parse and policy passed ({1} objects)", profile.Name, verdict.ObjectCount);
                    continue;
                }

                failed.Add(profile.Name);
                foreach (var failure in verdict.Failures)
                {
                    Log.Error("profile {0}: {1}", profile.Name, failure);
                }
            }

            if (failed.Count > 0)
            {
                throw new TargetFailedException(
                    $"The chart fails in {failed.Count} of {profiles.Count} profiles ({string.Join(", ", failed)}); each problem is printed above.");
            }

            Summary.Add($"Chart: {profiles.Count} profiles ({string.Join(", ", profiles.Select(p => p.Name))}) linted, rendered, parsed and policy-checked");
        });

    Target HelmPackage => _ => _
        .Description("Packages the chart into artifacts/charts, version and appVersion stamped from GitVersion")
        .DependsOn(HelmLint)
        .Requires(ChartRequirements.HelmResolvable)
        .Executes(async () =>
        {
            var helm = await HelmCli.ResolveAsync(CancellationToken);
            var package = await helm.PackageAsync(ChartDirectory, ChartPackagesDirectory, Version.SemVer, Version.SemVer, CancellationToken);
            Log.Info("packaged {0}", package);
            Summary.Add($"Chart: {Path.GetFileName(package)}");
        });
}
