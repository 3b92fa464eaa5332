namespace Tollgate.Edge;

/// <summary>Whether the node's tenant source has delivered its first full assignment (directory scanned, index synced or restored).</summary>
public sealed class NodeReadiness
{
    private int _initialLoadDone;

    public bool InitialLoadDone => Volatile.Read(ref _initialLoadDone) == 1;

    public void MarkInitialLoadDone() => Volatile.Write(ref _initialLoadDone, 1);
}
