using System.Text.Json.Nodes;
using Tollgate.ControlPlane.Artifacts;
using Tollgate.ControlPlane.Builds;
using Tollgate.ControlPlane.Storage;

namespace Tollgate.ControlPlane.Distribution;

/// <summary>The outcome of one publish: the revisions made and the tenants that failed to build.</summary>
public sealed record PublishResult(IReadOnlyList<RevisionRecord> Revisions, IReadOnlyList<TenantBuild> Failures, TimeSpan Elapsed);

/// <summary>
/// Publishes tenants: build (in parallel), store every artifact, then record all revisions and move all
/// assignments in ONE transaction. A crash before the transaction leaves only unreferenced artifacts; after
/// it, every tenant points at a revision whose artifact is complete.
/// </summary>
public sealed class Publisher(IControlPlaneStore store, IArtifactStore artifacts, TenantBuilder builder, IndexChangeSignal signal, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _serial = new(1, 1);

    /// <summary>Artifact writes in flight at once during a publish.</summary>
    private const int ConcurrentPuts = 8;

    /// <param name="progress">(built, total) after each tenant's build, from the build threads.</param>
    /// <param name="stored">(stored, total) after each artifact is written: after the builds, before the one commit.</param>
    public async Task<PublishResult> PublishAsync(IReadOnlyList<string>? tenantIds, int canaryNodes, string actor,
        Action<int, int>? progress = null, Action<int, int>? stored = null, CancellationToken ct = default)
    {
        await _serial.WaitAsync(ct);
        try
        {
            var started = _time.GetTimestamp();
            var tenants = new List<TenantRecord>();
            if (tenantIds is null)
            {
                foreach (var t in store.ListTenants()) if (t.IsActive) tenants.Add(t);
            }
            else
            {
                foreach (var id in tenantIds)
                {
                    tenants.Add(store.GetTenant(id) ?? throw new KeyNotFoundException($"tenant {id} does not exist"));
                }
            }
            var builds = builder.BuildAll(tenants, progress);
            var revisions = new List<RevisionRecord>();
            var failures = new List<TenantBuild>();
            var now = _time.GetUtcNow();
            var succeeded = new List<TenantBuild>();
            foreach (var b in builds)
            {
                if (b.Success) succeeded.Add(b);
                else failures.Add(b);
            }
            // Artifacts are written with write-through, so each put waits for the disk (about a millisecond on a
            // virtual disk; S3 is a round trip): several at once. All of them finish before the one commit below,
            // so a crash still leaves only unreferenced artifacts.
            var storedCount = 0;
            await Parallel.ForEachAsync(succeeded, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentPuts, CancellationToken = ct }, async (b, token) =>
            {
                await artifacts.PutAsync(b.Bundle!, token);
                stored?.Invoke(Interlocked.Increment(ref storedCount), succeeded.Count);
            });
            foreach (var b in succeeded)
            {
                var tenant = tenants.Find(t => t.Id == b.TenantId)!;
                revisions.Add(new RevisionRecord(b.TenantId, store.NextRevisionNumber(b.TenantId), b.BundleSha256!, b.WasmSha256!,
                    tenant.Template, b.TemplateVersion, b.Entrypoint, b.Bundle!.Length, actor, now, (JsonArray)tenant.Smoke.DeepClone()));
            }
            IReadOnlyList<string>? canary = null;
            if (canaryNodes > 0)
            {
                var nodes = store.ListNodes();
                var ids = new List<string>();
                for (var i = 0; i < nodes.Count && i < canaryNodes; i++) ids.Add(nodes[i].Id);
                canary = ids;
            }
            if (revisions.Count > 0)
            {
                store.Publish(revisions, canary, actor);
                signal.Notify();
            }
            return new PublishResult(revisions, failures, _time.GetElapsedTime(started));
        }
        finally
        {
            _serial.Release();
        }
    }
}
