namespace Tollgate.Runtime.Instances;

/// <summary>
/// The ordered patches applied to a pool's data, so that every instance (busy ones included, and ones created
/// later) ends up with the same data: each instance replays the entries it has not applied yet.
/// </summary>
internal sealed class DataPatchLog
{
    private readonly Lock _lock = new();
    private DataPatch[] _entries = [];

    public void Append(DataPatch patch, PolicyInstance alreadyApplied)
    {
        lock (_lock)
        {
            var grown = new DataPatch[_entries.Length + 1];
            _entries.CopyTo(grown, 0);
            grown[^1] = patch;
            _entries = grown;
            alreadyApplied.AppliedPatches = grown.Length;
        }
    }

    /// <summary>Applies the entries the instance has not seen. Cheap when it is current (the common case).</summary>
    public void CatchUp(PolicyInstance instance)
    {
        var entries = Volatile.Read(ref _entries);
        while (instance.AppliedPatches < entries.Length)
        {
            entries[instance.AppliedPatches].ApplyTo(instance);
            instance.AppliedPatches++;
        }
    }
}
