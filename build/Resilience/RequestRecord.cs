namespace Resilience;

/// <summary>
/// One request of a load, timed on the scenario's clock. <see cref="Status"/> is null when no HTTP response came back
/// (connection refused or reset): <see cref="Error"/> says what happened instead.
/// </summary>
public sealed record RequestRecord(long Sequence, TimeSpan SentAt, TimeSpan EndedAt, int? Status, string? Error, int? CreatedTaskId = null,
    string? Title = null)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public bool Failed => !Succeeded;
}
