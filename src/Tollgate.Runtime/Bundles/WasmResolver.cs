namespace Tollgate.Runtime.Bundles;

/// <summary>A manifest <c>wasm</c> entry: which module answers an entrypoint.</summary>
/// <param name="Entrypoint">Entrypoint path, e.g. <c>tenant/authz/allow</c>.</param>
/// <param name="Module">Bundle path of the module, e.g. <c>/policy.wasm</c>.</param>
public sealed record WasmResolver(string Entrypoint, string Module);
