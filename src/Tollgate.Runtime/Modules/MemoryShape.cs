namespace Tollgate.Runtime;

/// <summary>How a module wants its linear memory: imported as <c>env.memory</c> (ABI) or defined and exported itself.</summary>
/// <param name="Imported">True when the module imports <c>env.memory</c> and the host must create it.</param>
/// <param name="MinimumPages">The import's declared minimum.</param>
/// <param name="MaximumPages">The import's declared maximum, if any.</param>
internal readonly record struct MemoryShape(bool Imported, long MinimumPages, long? MaximumPages);
