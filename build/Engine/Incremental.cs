namespace Engine;

/// <summary>
/// Runs a piece of work unless it is up to date (see <see cref="UpToDate"/>). The engine calls it for every target
/// that declares <see cref="ITargetDefinition.Inputs"/>; a target calls it for a part of its work that has inputs
/// of its own, e.g. one image's publish, so a change to one image's sources does not republish the other.
/// </summary>
public static class Incremental
{
    /// <summary>Runs <paramref name="work"/> unless up to date; true when it ran.</summary>
    /// <param name="key">Names the work's record; unique in the build, e.g. "Publish.todo-backend".</param>
    public static async Task<bool> RunAsync(string key, Inputs inputs, Func<IEnumerable<AbsolutePath>> outputs, Func<Task> work)
    {
        var session = BuildSession.Current;
        return await RunAsync(key, inputs, outputs, work, session, session.IsForced(session.CurrentTarget)) is null;
    }

    /// <summary>Null when the work ran; otherwise the up-to-date reason ("inputs unchanged since 10:31:02").</summary>
    internal static async Task<string?> RunAsync(
        string key, Inputs inputs, Func<IEnumerable<AbsolutePath>> outputs, Func<Task> work, BuildSession session, bool forced)
    {
        var fingerprint = inputs.Take();
        UpToDate.Record? record = null;
        var why = forced ? "--force" : UpToDate.WhyRun(key, fingerprint, outputs(), out record);
        if (why is null)
        {
            var reason = UpToDate.Since(record!);
            session.Summary.Replay(record!.Summary);
            Log.Success("{0} is up to date: {1}", key, reason);
            session.Audit?.UpToDate(key, reason);
            return reason;
        }

        Log.Info("{0} runs: {1}", key, why);
        // Forgotten before the work starts: a run that fails or is cancelled half-way is never taken for up to date.
        UpToDate.Forget(key);
        var mark = session.Summary.Mark();
        await work();
        UpToDate.Save(key, fingerprint, outputs(), session.Summary.Since(mark));
        return null;
    }
}
