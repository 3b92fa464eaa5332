namespace Tollgate.Wasm;

/// <summary>The linked module and counts describing it.</summary>
public sealed class LinkResult
{
    internal LinkResult(byte[] bytes, int functionCount, int removedFunctions, int heapBase)
    {
        Bytes = bytes;
        FunctionCount = functionCount;
        RemovedFunctions = removedFunctions;
        HeapBase = heapBase;
    }

    public byte[] Bytes { get; }

    /// <summary>Defined (non-imported) functions in the output.</summary>
    public int FunctionCount { get; }

    /// <summary>Defined functions (runtime and generated) removed as unreachable.</summary>
    public int RemovedFunctions { get; }

    /// <summary>First free address after all static data, rounded up to 16: where the heap starts.</summary>
    public int HeapBase { get; }
}
