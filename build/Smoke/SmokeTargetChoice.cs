namespace Smoke;

/// <summary>Where the smoke suite points.</summary>
public abstract record SmokeTarget
{
    /// <summary>A deployment someone already runs and named: the suite only reads it.</summary>
    public sealed record GivenUrl(Uri Frontend, Uri? Backend) : SmokeTarget;

    /// <summary>Nothing was named: start the built images locally (Up), run the suite, take them down (Down).</summary>
    public sealed record LocalRun : SmokeTarget;
}

/// <summary>
/// The one decision "what does SmokeTest test". Kept small and pure so the cluster stage can add its case (a kube
/// context configured → a port-forward to the release) ahead of the local-run fallback.
/// </summary>
public static class SmokeTargetChoice
{
    public static SmokeTarget Decide(string? smokeBaseUrl, string? smokeBackendUrl)
    {
        if (string.IsNullOrWhiteSpace(smokeBaseUrl))
        {
            return string.IsNullOrWhiteSpace(smokeBackendUrl)
                ? new SmokeTarget.LocalRun()
                : throw new ArgumentException("--smoke-backend-url was given without --smoke-base-url: name the frontend too.");
        }

        return new SmokeTarget.GivenUrl(
            AbsoluteHttp(smokeBaseUrl, "--smoke-base-url"),
            string.IsNullOrWhiteSpace(smokeBackendUrl) ? null : AbsoluteHttp(smokeBackendUrl, "--smoke-backend-url"));
    }

    static Uri AbsoluteHttp(string value, string parameter) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"{parameter} must be an absolute http(s) URL, not '{value}'.");
}
