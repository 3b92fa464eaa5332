namespace Tollgate.Conformance;

public enum CaseStatus
{
    Pass,
    Fail,
    Skip,
}

/// <summary>What happened to one case, and why when it did not pass.</summary>
public sealed record CaseOutcome(ConformanceCase Case, CaseStatus Status, string? Reason, TimeSpan Elapsed);
