using Tollgate.Edge.Tenants;
using Tollgate.Edge.Tests.Support;

namespace Tollgate.Edge.Tests.Tenants;

public class TenantRegistryTests
{
    private static TenantRevision Revision(string tenant, string revision, out FakePolicy policy)
    {
        var loader = new FakeLoader();
        var artifact = FakeLoader.Artifact(tenant, revision, FakeLoader.BoolSpec(revision, "/a"));
        policy = (FakePolicy)loader.Load(artifact);
        return new TenantRevision(artifact, policy, "envoy/authz/allow", failOpen: false, DateTimeOffset.UtcNow);
    }

    [Fact]
    public void Unknown_tenant_leases_nothing()
    {
        using var registry = new TenantRegistry();
        using var lease = registry.Acquire("nobody");
        Assert.Null(lease.Revision);
    }

    [Fact]
    public void Swap_keeps_the_old_revision_alive_until_its_last_lease_ends()
    {
        using var registry = new TenantRegistry();
        registry.Activate(Revision("t1", "r1", out var first));
        var held = registry.Acquire("t1");
        Assert.Equal("r1", held.Revision!.RevisionId);

        var replaced = registry.Activate(Revision("t1", "r2", out var second));
        Assert.Same(first, replaced!.Policy);
        Assert.False(first.IsDisposed); // a request still evaluates on it
        using (var fresh = registry.Acquire("t1"))
        {
            Assert.Equal("r2", fresh.Revision!.RevisionId);
        }
        held.Dispose();
        Assert.True(first.IsDisposed);
        Assert.False(second.IsDisposed);
        Assert.Equal("r1", registry.PreviousArtifact("t1")!.Revision);
    }

    [Fact]
    public void Remove_makes_the_tenant_unknown_and_releases_its_revision()
    {
        using var registry = new TenantRegistry();
        registry.Activate(Revision("t1", "r1", out var policy));
        Assert.True(registry.Remove("t1"));
        Assert.True(policy.IsDisposed);
        using var lease = registry.Acquire("t1");
        Assert.Null(lease.Revision);
    }

    [Fact]
    public void Readiness_requires_every_assigned_tenant_at_its_expected_revision()
    {
        using var registry = new TenantRegistry();
        registry.Expect("t1", "r2");
        Assert.False(registry.IsReady(out var waiting));
        Assert.Equal("t1", waiting);
        registry.Activate(Revision("t1", "r1", out _));
        Assert.False(registry.IsReady(out _)); // active, but not the revision the control plane wants
        registry.Activate(Revision("t1", "r2", out _));
        Assert.True(registry.IsReady(out _));
        Assert.Equal(TenantState.Active, registry.Status("t1")!.State);
    }

    [Fact]
    public void Failure_report_keeps_the_current_revision_and_marks_the_tenant_failed()
    {
        using var registry = new TenantRegistry();
        registry.Activate(Revision("t1", "r1", out _));
        registry.ReportFailure("t1", "r2", "smoke case 0: expected true, got false");
        var status = registry.Status("t1")!;
        Assert.Equal(TenantState.Failed, status.State);
        Assert.Equal("r1", status.ActiveRevision);
        Assert.Equal("r2", status.ExpectedRevision);
        Assert.Contains("smoke case 0", status.Error);
        using var lease = registry.Acquire("t1");
        Assert.Equal("r1", lease.Revision!.RevisionId);
    }

    [Fact]
    public void Concurrent_acquire_and_swap_never_evaluates_a_disposed_revision()
    {
        using var registry = new TenantRegistry();
        registry.Activate(Revision("t1", "r0", out _));
        var stop = false;
        var errors = 0;
        var readers = new Thread[2];
        for (var i = 0; i < readers.Length; i++)
        {
            readers[i] = new Thread(() =>
            {
                while (!Volatile.Read(ref stop))
                {
                    using var lease = registry.Acquire("t1");
                    var policy = (FakePolicy)lease.Revision!.Policy;
                    if (policy.IsDisposed)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            });
            readers[i].Start();
        }
        for (var n = 1; n <= 2000; n++)
        {
            registry.Activate(Revision("t1", "r" + n, out _));
        }
        Volatile.Write(ref stop, true);
        foreach (var reader in readers)
        {
            reader.Join();
        }
        Assert.Equal(0, errors);
    }
}
