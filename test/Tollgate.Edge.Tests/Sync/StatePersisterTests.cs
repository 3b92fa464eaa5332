using Microsoft.Extensions.Logging.Abstractions;
using Tollgate.Edge.Sync;
using Tollgate.Edge.Tenants;
using Tollgate.Edge.Tests.Support;

namespace Tollgate.Edge.Tests.Sync;

/// <summary>The state directory is written behind the activations: latest change per tenant, in order, flushed on dispose.</summary>
public sealed class StatePersisterTests : IDisposable
{
    private readonly string _dir = EdgeTestServer.TempDirectory();

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static TenantArtifact Artifact(string tenant, string revision) =>
        FakeLoader.Artifact(tenant, revision, FakeLoader.BoolSpec(revision, "/" + revision));

    private Dictionary<string, string> OnDisk()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        using var store = new TenantStateStore(_dir);
        foreach (var a in store.LoadAll()) found[a.TenantId] = a.Revision;
        return found;
    }

    [Fact]
    public async Task Disposing_writes_every_recorded_change_latest_per_tenant()
    {
        using var store = new TenantStateStore(_dir);
        store.Save(Artifact("gone", "r1"));
        await using (var persister = new StatePersister(store, NullLogger.Instance))
        {
            for (var i = 1; i <= 50; i++)
            {
                persister.Save(Artifact("t" + (i % 5), "r" + i));
            }
            persister.Forget("gone");
        }
        var disk = OnDisk();
        Assert.Equal(5, disk.Count);
        Assert.Equal("r50", disk["t0"]);
        Assert.Equal("r46", disk["t1"]);
        Assert.Equal("r49", disk["t4"]);
        Assert.False(disk.ContainsKey("gone"));
    }

    [Fact]
    public async Task Changes_reach_the_disk_without_a_flush()
    {
        using var store = new TenantStateStore(_dir);
        await using var persister = new StatePersister(store, NullLogger.Instance);
        persister.Save(Artifact("t1", "r1"));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (persister.Pending > 0 && DateTime.UtcNow < deadline) await Task.Delay(5);
        Assert.Equal(0, persister.Pending);
        Assert.Equal("r1", OnDisk()["t1"]);
    }

    [Fact]
    public async Task A_forget_after_a_save_of_the_same_tenant_wins()
    {
        using var store = new TenantStateStore(_dir);
        await using (var persister = new StatePersister(store, NullLogger.Instance))
        {
            persister.Save(Artifact("t1", "r1"));
            persister.Flush();
            persister.Save(Artifact("t1", "r2"));
            persister.Forget("t1");
        }
        Assert.Empty(OnDisk());
    }
}
