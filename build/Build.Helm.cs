using Helm;
using Engine;
using Cluster;

/// <summary>The chart stages (HelmLint, HelmPackage) and the release the chart renders, which the rehearsal and the
/// cluster stages install alike: its name, namespace, values profile, --helm-set pairs, secrets and model settings.</summary>
partial class Build
{
    [Parameter("Namespace of the release; created if missing")]
    readonly string Namespace = "todo";

    [Parameter("Helm release name")]
    readonly string HelmRelease = "todo";

    [Parameter("Chart values profile: minikube, kind, external-db or production-like (charts/todo-app/ci/<profile>-values.yaml); "
        + "default: the cluster kind's profile when there is one")]
    readonly string? ValuesProfile;

    [Parameter("Chart values for Rehearse, Up, SmokeTest, Resilience and HelmInstall, as helm's --set key=value "
        + "(repeatable; e.g. faults.backendUnready=true)")]
    readonly string[] HelmSet = [];

    // Spelled "Openai" so that the environment variables are OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_MODEL, the
    // names every OpenAI-compatible tool reads.
    [Parameter("Model API key for the chat agent (OpenAI-compatible); without it the backend answers with its built-in interpreter")]
    [Secret]
    readonly string? OpenaiApiKey;

    [Parameter("External PostgreSQL URL (postgres://user:password@host/db?sslmode=require); switches the chart to database.mode=external")]
    [Secret]
    readonly string? DatabaseUrl;

    [Parameter("Token signing key shared by all backend replicas (at least 32 bytes); generated once and kept when not given"), Secret]
    readonly string? AuthSigningKey;

    [Parameter("Base URL of an OpenAI-compatible model endpoint (not secret)")]
    readonly string? OpenaiBaseUrl;

    [Parameter("Model name for the chat agent (not secret)")]
    readonly string? OpenaiModel;

    AbsolutePath ChartDirectory => RootDirectory / "charts" / "todo-app";

    /// <summary>What goes into the build's Secret of the release (never onto a command line or into values).</summary>
    SecretInputs ReleaseSecrets => new(OpenaiApiKey, DatabaseUrl, AuthSigningKey);

    Requirement ValuesProfileExists =>
        new("the chart values profile", _ => Task.FromResult(ChartProfile.Problem(ChartDirectory, ValuesProfile)));

    /// <summary>--helm-set key=value pairs; the rehearsal and HelmInstall pass the same ones.</summary>
    Dictionary<string, string> HelmSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in HelmSet)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new TargetFailedException($"--helm-set {pair}: expected key=value, e.g. --helm-set faults.backendUnready=true");
            settings[pair[..equals]] = pair[(equals + 1)..];
        }

        return settings;
    }

    AbsolutePath ChartPackagesDirectory => ArtifactsDirectory / "charts";

    Target HelmLint => _ => _
        .Description("Lints (--strict) and renders the chart for every profile (default values and each ci/*-values.yaml), "
            + "parses every object strictly into Kubernetes models and checks the chart policy")
        .Requires(ChartRequirements.HelmResolvable)
        .Inputs(inputs => inputs
            .Files(ChartDirectory)
            .Files(RootDirectory / "build" / "Helm")
            .Value("helm", () => HelmCli.ResolveAsync(CancellationToken).GetAwaiter().GetResult().Executable))
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
                    Log.Success("profile {0}: lint --strict, render, strict parse and policy passed ({1} objects)",
                        profile.Name, verdict.ObjectCount);
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
                    $"The chart fails in {failed.Count} of {profiles.Count} profiles ({string.Join(", ", failed)}); "
                    + "each problem is printed above.");
            }

            Summary.Add($"Chart: {profiles.Count} profiles ({string.Join(", ", profiles.Select(p => p.Name))}) "
                + "linted, rendered, parsed and policy-checked");
        });

    Target HelmPackage => _ => _
        .Description("Packages the chart into artifacts/charts, version and appVersion stamped from GitVersion")
        .DependsOn(HelmLint)
        .Requires(ChartRequirements.HelmResolvable)
        .Inputs(inputs => inputs
            .Files(ChartDirectory)
            .Value("version", () => Version.SemVer)
            .Value("helm", () => HelmCli.ResolveAsync(CancellationToken).GetAwaiter().GetResult().Executable))
        .Outputs(() => [ChartPackagesDirectory / $"todo-app-{Version.SemVer}.tgz"])
        .Executes(async () =>
        {
            var helm = await HelmCli.ResolveAsync(CancellationToken);
            var package = await helm.PackageAsync(ChartDirectory, ChartPackagesDirectory, Version.SemVer, Version.SemVer,
                CancellationToken);
            Log.Info("packaged {0}", package);
            Summary.Add($"Chart: {Path.GetFileName(package)}");
        });
}
