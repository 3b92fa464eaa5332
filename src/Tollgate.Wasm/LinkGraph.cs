namespace Tollgate.Wasm;

/// <summary>
/// Numbering of every function the linker knows as a node: function imports (the runtime's, then new ones),
/// then the runtime's defined functions, then generated functions. Node order equals final index order.
/// </summary>
internal sealed class LinkGraph
{
    private readonly int _runtimeImports;
    private readonly int _runtimeDefined;

    public LinkGraph(int importCount, int runtimeImports, int runtimeDefined, int generated)
    {
        ImportCount = importCount;
        _runtimeImports = runtimeImports;
        _runtimeDefined = runtimeDefined;
        Count = importCount + runtimeDefined + generated;
    }

    public int ImportCount { get; }

    public int Count { get; }

    public int RuntimeNode(int defined) => ImportCount + defined;

    public int GeneratedNode(int generated) => ImportCount + _runtimeDefined + generated;

    /// <summary>Node of a function index in the runtime module's original index space.</summary>
    public int OriginalNode(uint index)
    {
        if (index < _runtimeImports)
        {
            return (int)index;
        }
        long defined = index - _runtimeImports;
        if (defined >= _runtimeDefined)
        {
            throw new WasmFormatException($"reference to function {index}, which does not exist", -1);
        }
        return RuntimeNode((int)defined);
    }

    public bool IsRuntime(int node, out int defined)
    {
        defined = node - ImportCount;
        return defined >= 0 && defined < _runtimeDefined;
    }

    public bool IsGenerated(int node, out int generated)
    {
        generated = node - ImportCount - _runtimeDefined;
        return generated >= 0;
    }

    /// <summary>Final function index of each live node (uint.MaxValue for removed ones).</summary>
    public uint[] Number(bool[] live)
    {
        var result = new uint[Count];
        uint next = 0;
        for (int node = 0; node < Count; node++)
        {
            result[node] = live[node] ? next++ : uint.MaxValue;
        }
        return result;
    }

    /// <summary>Final index for each function index of the runtime's original index space.</summary>
    public uint[] RuntimeIndexMap(uint[] newOfNode)
    {
        var map = new uint[_runtimeImports + _runtimeDefined];
        for (uint i = 0; i < map.Length; i++)
        {
            map[i] = newOfNode[OriginalNode(i)];
        }
        return map;
    }
}
