using Helm;
using Cluster;
using Engine;
using Local;
using Resilience;

partial class Build
{
    /// <summary>
    /// Rate limits lifted and a short drain, set through the chart like any value: the scenarios measure the app under
    /// faults, not the limiter, and a SIGTERM scenario should not wait out a production-length drain.
    /// </summary>
    static readonly IReadOnlyDictionary<string, string> ResilienceValues = new Dictionary<string, string>
    {
        ["backend.shutdownDrainSeconds"] = "2",
        ["frontend.shutdownDrainSeconds"] = "2",
        ["backend.settings.RATE_LIMIT_REQUESTS_PER_MINUTE"] = "1000000",
        ["backend.settings.RATE_LIMIT_AUTH_PER_MINUTE"] = "1000000",
        ["backend.settings.RATE_LIMIT_CHAT_PER_MINUTE"] = "1000000",
    };

    Target Resilience => _ => _
        .Description("Fault scenarios against the rehearsed release: SIGTERM under load, PostgreSQL restart under load, "
            + "a malformed burst; prints figures")
        .DependsOn(ImageSizeCheck)
        .Requires(DockerDaemon)
        .Requires(ChartRequirements.HelmResolvable)
        .Requires(LocalPostgres.ServerInstalled)
        .Executes(async () =>
        {
            // The throwaway PostgreSQL on this machine, whatever images are here: one scenario restarts it.
            var rehearsal = LocalRehearsal;
            await rehearsal.StartAsync(throwawayDatabase: true, ResilienceValues);
            var verdicts = new List<string>();
            try
            {
                var names = ReleaseNames.For(HelmRelease, HelmSettings());
                var scenarios = new ResilienceScenarios(Docker, names, rehearsal.StateFile, CancellationToken);
                var token = await scenarios.SignUpLoadUserAsync("resilience");

                var shutdown = await scenarios.SigtermUnderLoadAsync(token);
                Report("SIGTERM to the backend under load", shutdown.Lines());
                if (!shutdown.Graceful)
                    verdicts.Add("the backend did not shut down gracefully");

                var frontendShutdown = await scenarios.SigtermUnderLoadAsync(token, frontend: true);
                Report("SIGTERM to the frontend under load (browser requests through it)", frontendShutdown.Lines());
                if (!frontendShutdown.Graceful)
                    verdicts.Add("the frontend did not shut down gracefully");

                var (restart, restartTook) = await scenarios.PostgresRestartUnderLoadAsync(token);
                Report($"PostgreSQL restarted under load (restart took {ResilienceScenarios.Ms(restartTook)})", restart.Lines());
                if (!restart.Durable)
                    verdicts.Add($"{restart.LostWrites.Count} acknowledged write(s) were lost");
                if (!restart.NoFailureOnceBack)
                    verdicts.Add($"{restart.FailedOnceBack.Count} write(s) failed after the database was back");
                if (!restart.RecoveredInTime)
                    verdicts.Add($"the backend was not ready within {ResilienceScenarios.ReadyBudget.TotalSeconds:F0} s of the database");

                var guessing = await scenarios.PasswordGuessingAsync();
                Report("password guessing through the frontend with rotating X-Forwarded-For", guessing.Lines());
                if (!guessing.LimitHeld)
                    verdicts.Add("password guessing was not limited within the per-account allowance");
                if (!guessing.LegitimateUserSignedIn)
                    verdicts.Add("another user's correct sign-in was refused during the guessing burst");

                var burst = await scenarios.MalformedBurstAsync(token);
                Report("malformed and oversized requests at every endpoint", burst.Lines());
                if (!burst.NoServerErrors)
                    verdicts.Add($"{burst.ServerErrors.Count} malformed request(s) got a 5xx");
            }
            finally
            {
                await rehearsal.TakeDownAsync();
            }

            if (verdicts.Count > 0)
                throw new TargetFailedException("Resilience: " + string.Join("; ", verdicts) + ". The figures above say where.");
        });

    void Report(string scenario, IEnumerable<string> lines)
    {
        Log.Info("resilience — {0}:", scenario);
        Summary.Add($"resilience — {scenario}:");
        foreach (var line in lines)
        {
            Log.Info("  {0}", line);
            Summary.Add($"  {line}");
        }
    }
}
