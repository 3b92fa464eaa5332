using System.Text;
using Tollgate.Edge.Sync;
using Tollgate.Edge.Tenants;
using Tollgate.Edge.Tests.Support;

namespace Tollgate.Edge.Tests.Sync;

/// <summary>The state journal: last record per tenant wins, torn tails are cut, compaction keeps what is live.</summary>
public sealed class TenantStateStoreTests : IDisposable
{
    private readonly string _dir = EdgeTestServer.TempDirectory();

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    // Padding is pseudo-random (seeded by the revision, so the same call gives the same bytes): it must not compress.
    private static TenantArtifact Artifact(string tenant, string revision, int padding = 0)
    {
        var noise = new byte[padding / 2];
        new Random((tenant + "/" + revision).GetHashCode(StringComparison.Ordinal) ^ padding).NextBytes(noise);
        return FakeLoader.Artifact(tenant, revision, FakeLoader.BoolSpec(tenant + revision + Convert.ToHexString(noise), "/" + revision));
    }

    private Dictionary<string, string> Reopened()
    {
        using var store = new TenantStateStore(_dir);
        return store.LoadAll().ToDictionary(a => a.TenantId, a => a.Revision);
    }

    [Fact]
    public void Batches_survive_reopening_and_the_latest_record_per_tenant_wins()
    {
        using (var store = new TenantStateStore(_dir))
        {
            store.Apply([new("t1", Artifact("t1", "r1")), new("t2", Artifact("t2", "r1")), new("t3", Artifact("t3", "r1"))]);
            store.Apply([new("t1", Artifact("t1", "r2")), new("t3", null)]);
            Assert.True(store.HasArtifact(Artifact("t2", "r1").BundleSha256));
        }
        var state = Reopened();
        Assert.Equal(new Dictionary<string, string> { ["t1"] = "r2", ["t2"] = "r1" }, state);
    }

    [Fact]
    public void A_torn_last_record_is_cut_and_everything_before_it_stands()
    {
        using (var store = new TenantStateStore(_dir))
        {
            store.Save(Artifact("t1", "r1"));
            store.Save(Artifact("t1", "r2"));
        }
        var path = Path.Combine(_dir, "state.journal");
        var full = File.ReadAllBytes(path);
        // A crash in the middle of the last append (r2's tenant record): drop its final bytes.
        File.WriteAllBytes(path, full[..^10]);
        Assert.Equal("r1", Reopened()["t1"]);
        // The cut tail is gone from the file, so the next append lands on a clean end.
        using (var store = new TenantStateStore(_dir))
        {
            store.Save(Artifact("t1", "r3"));
        }
        Assert.Equal("r3", Reopened()["t1"]);
    }

    [Fact]
    public void A_damaged_record_ends_the_replay_instead_of_being_trusted()
    {
        using (var store = new TenantStateStore(_dir))
        {
            store.Save(Artifact("t1", "r1"));
            store.Save(Artifact("t2", "r1"));
        }
        var path = Path.Combine(_dir, "state.journal");
        var bytes = File.ReadAllBytes(path);
        var second = Encoding.ASCII.GetString(bytes).LastIndexOf("\"t2\"", StringComparison.Ordinal);
        bytes[second + 1] = (byte)'9'; // t2's record no longer matches its hash
        File.WriteAllBytes(path, bytes);
        var state = Reopened();
        Assert.Equal("r1", state["t1"]);
        Assert.False(state.ContainsKey("t2"));
    }

    [Fact]
    public void Compaction_drops_superseded_artifacts_and_keeps_every_live_tenant()
    {
        using (var store = new TenantStateStore(_dir))
        {
            // ~40 KB artifacts, 400 revisions of 4 tenants: far past twice the live size plus the slack.
            for (var r = 0; r < 100; r++)
            {
                store.Apply([.. Enumerable.Range(0, 4).Select(t => new KeyValuePair<string, TenantArtifact?>("t" + t, Artifact("t" + t, "r" + r, padding: 40_000)))]);
            }
            Assert.True(store.JournalBytes < 9L << 20, $"journal is {store.JournalBytes} bytes after compaction");
            Assert.NotNull(store.TryReadArtifact(Artifact("t2", "r99", padding: 40_000).BundleSha256));
            Assert.False(store.HasArtifact(Artifact("t2", "r3", padding: 40_000).BundleSha256));
        }
        var state = Reopened();
        Assert.Equal(4, state.Count);
        Assert.All(state.Values, revision => Assert.Equal("r99", revision));
    }

    [Fact]
    public void A_state_directory_from_the_file_per_tenant_layout_is_imported()
    {
        var artifact = Artifact("old", "r7");
        Directory.CreateDirectory(Path.Combine(_dir, "artifacts"));
        Directory.CreateDirectory(Path.Combine(_dir, "tenants"));
        File.WriteAllBytes(Path.Combine(_dir, "artifacts", artifact.BundleSha256 + ".tar.gz"), artifact.Bundle);
        File.WriteAllText(Path.Combine(_dir, "tenants", "old.json"),
            $$"""{"tenant_id":"old","revision":"r7","sha256":"{{artifact.BundleSha256}}","smoke":[]}""");
        Assert.Equal("r7", Reopened()["old"]);
        Assert.False(Directory.Exists(Path.Combine(_dir, "tenants")));
        Assert.Equal("r7", Reopened()["old"]);
    }
}
