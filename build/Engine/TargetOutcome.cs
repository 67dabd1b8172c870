namespace Engine;

internal enum TargetStatus
{
    NotRun,
    Succeeded,
    UpToDate,
    Failed,
    Skipped,
}

/// <summary>What happened to one scheduled target, for the summary table and the audit log.</summary>
internal sealed class TargetOutcome(TargetDefinition target)
{
    public TargetDefinition Target { get; } = target;

    public TargetStatus Status { get; set; } = TargetStatus.NotRun;

    public string? Reason { get; set; }

    public TimeSpan Duration { get; set; }

    public string StatusText => Status switch
    {
        TargetStatus.Succeeded => "succeeded",
        TargetStatus.UpToDate => "up to date",
        TargetStatus.Failed => "failed",
        TargetStatus.Skipped => "skipped",
        _ => "not run",
    } + (Reason is null ? "" : $" ({Reason})");
}
