using System.Globalization;

namespace Images;

/// <summary>What one image did under ImageStartup's load: how many requests its <paramref name="Workers"/> concurrent
/// clients completed in <paramref name="Elapsed"/>, how many of them failed (a non-2xx answer or no answer), and the
/// highest resident memory sampled meanwhile.</summary>
public sealed record LoadSample(int Workers, TimeSpan Elapsed, int Requests, int Failures, long PeakResidentBytes)
{
    /// <summary>The first failure, as the request and what came back ("POST /api/tasks → 429 Too Many Requests: …").</summary>
    public string? FirstFailure { get; init; }

    /// <summary>How many resident-memory samples the peak was taken from: one or two mean the sampler could not keep up.</summary>
    public int ResidentSamples { get; init; }

    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;

    /// <summary>A measurement under a load the image did not serve is no measurement: null when every request
    /// succeeded, else why the figures cannot be trusted.</summary>
    public string? FailureMessage(string image) =>
        Failures == 0 ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"{image}: {Failures} of {Requests} requests failed under load ({Workers} clients, {Elapsed.TotalSeconds:0.0} s); first: {FirstFailure}");
}
