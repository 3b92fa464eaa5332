namespace Tollgate.ControlPlane.Storage;

/// <summary>Audit texts both stores write the same way.</summary>
internal static class StoreText
{
    /// <summary>The first ten tenant@revision pairs of a publish, then a count.</summary>
    public static string Summary(IReadOnlyList<RevisionRecord> revisions)
    {
        var parts = new List<string>();
        for (var i = 0; i < revisions.Count && i < 10; i++) parts.Add($"{revisions[i].TenantId}@{revisions[i].Number}");
        if (revisions.Count > 10) parts.Add($"… {revisions.Count - 10} more");
        return string.Join(", ", parts);
    }
}
