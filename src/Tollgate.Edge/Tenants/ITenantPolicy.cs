using System.Buffers;

namespace Tollgate.Edge.Tenants;

/// <summary>
/// One loaded policy revision of a tenant, ready to evaluate. The edge depends on this seam rather than on
/// the Wasmtime host directly, so routing, swapping and verification are testable without modules.
/// </summary>
public interface ITenantPolicy : IDisposable
{
    /// <summary>Lowercase hex sha256 of the wasm module that answers (shared by tenants of one template).</summary>
    string ModuleSha256 { get; }

    bool HasEntrypoint(string entrypoint);

    /// <summary>
    /// Evaluates <paramref name="entrypoint"/> ("envoy/authz/allow") and writes the ABI result set JSON
    /// (<c>[{"result": …}]</c>, or <c>[]</c> when undefined) to <paramref name="output"/>. Throws on errors.
    /// </summary>
    void Evaluate(string entrypoint, ReadOnlySpan<byte> inputJson, IBufferWriter<byte> output);

    /// <summary>
    /// Evaluates a smoke case before the revision may serve. Verification runs off the request path, usually
    /// while the node (and its neighbours on the host) load many revisions at once, so an implementation may give
    /// it a longer deadline than serving has: a wall-clock deadline missed because the thread was descheduled
    /// says nothing about the revision. A runaway policy must still be stopped. Default: <see cref="Evaluate"/>.
    /// </summary>
    void EvaluateForVerification(string entrypoint, ReadOnlySpan<byte> inputJson, IBufferWriter<byte> output) =>
        Evaluate(entrypoint, inputJson, output);
}

/// <summary>Turns a verified artifact into a runnable policy (module from cache, data loaded, instances pooled).</summary>
public interface IPolicyLoader
{
    ITenantPolicy Load(TenantArtifact artifact);
}
