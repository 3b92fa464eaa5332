using Tollgate.Rego.Diagnostics;

namespace Tollgate.ControlPlane.Builds;

/// <summary>The outcome of building one tenant: a bundle (with its hashes) or the diagnostics that stopped it.</summary>
public sealed record TenantBuild(
    string TenantId,
    byte[]? Bundle,
    string? BundleSha256,
    string? WasmSha256,
    int TemplateVersion,
    string Entrypoint,
    IReadOnlyList<Diagnostic> Diagnostics,
    string? Error,
    TimeSpan Elapsed)
{
    public bool Success => Bundle is not null;
}
