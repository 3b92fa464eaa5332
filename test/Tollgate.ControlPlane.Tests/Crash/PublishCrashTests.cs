using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Tollgate.ControlPlane.Cli;
using Tollgate.ControlPlane.Storage;
using Tollgate.ControlPlane.Tests.Support;
using Xunit.Abstractions;

namespace Tollgate.ControlPlane.Tests.Crash;

/// <summary>
/// kill -9 of `tollgate control-plane` in the middle of a 500-tenant publish (substitution mode: one compile per
/// tenant), at five points; after each kill the store must open cleanly and every tenant must be on its
/// previous revision or on a complete new one whose artifact exists with the right sha256; publishes on the
/// restarted processes must succeed.
/// </summary>
public sealed class PublishCrashTests(ITestOutputHelper log) : IDisposable
{
    private const int Tenants = 500;
    private const string Token = "crash-op";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _dir = new();
    private string Db => _dir.File("cp.db");
    private string Artifacts => _dir.File("artifacts");

    /// <summary>Where in a publish the process dies.</summary>
    private enum KillPoint
    {
        /// <summary>A quarter of the tenants built (nothing written yet).</summary>
        DuringBuilds,
        /// <summary>The first new artifact file appeared: every build done, the artifacts being written.</summary>
        FirstArtifactWritten,
        /// <summary>Half of the new artifacts written.</summary>
        HalfTheArtifactsWritten,
        /// <summary>Every new artifact on disk: the one commit is imminent, so this races it (either outcome is valid).</summary>
        AllArtifactsWritten,
        /// <summary>The publish answered: committed, so the new revisions must survive the kill.</summary>
        AfterTheAnswer,
    }

    [Fact]
    public async Task Kill_9_mid_publish_leaves_every_tenant_on_a_complete_revision()
    {
        var clock = Stopwatch.StartNew();
        var cp = await ControlPlaneProcess.StartAsync(Db, Artifacts, Token, StartTimeout);
        var generation = 0;
        try
        {
            using (var client = new ControlPlaneClient(cp.Address, Token))
            {
                await PushTemplateAsync(client, ++generation);
                await Parallel.ForAsync(0, Tenants, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
                    await client.PostAsync("/v1/tenants", new JsonObject { ["id"] = TenantId(i), ["template"] = "crash-rbac", ["mode"] = "substitution", ["data"] = JsonNode.Parse(Seed.TenantData) }, ct));
            }
            log.WriteLine($"{Tenants} tenants created in {clock.Elapsed.TotalSeconds:0.0} s");

            // The first kill hits the very first publish (tenants have no revision yet); the others hit later ones.
            foreach (var point in new[] { KillPoint.DuringBuilds, KillPoint.FirstArtifactWritten, KillPoint.HalfTheArtifactsWritten, KillPoint.AllArtifactsWritten, KillPoint.AfterTheAnswer })
            {
                var before = Snapshot();
                using (var client = new ControlPlaneClient(cp.Address, Token))
                {
                    // A new template version, so this publish makes new bundles (new sha256s), not the same ones again.
                    await PushTemplateAsync(client, ++generation);
                    var outcome = await PublishAndKillAsync(client, cp, point);
                    log.WriteLine($"{point}: {outcome}");
                }
                cp.Dispose();
                var checking = Stopwatch.StartNew();
                var committed = CheckAfterCrash(before, point);
                log.WriteLine($"{point}: checked in {checking.Elapsed.TotalSeconds:0.0} s");
                if (point == KillPoint.AfterTheAnswer) Assert.True(committed, "a publish that answered must survive kill -9");
                log.WriteLine($"{point}: after restart every tenant is on {(committed ? "its new" : "its previous")} revision ({clock.Elapsed.TotalSeconds:0.0} s)");
                var starting = Stopwatch.StartNew();
                cp = await ControlPlaneProcess.StartAsync(Db, Artifacts, Token, StartTimeout);
                log.WriteLine($"{point}: restarted in {starting.Elapsed.TotalSeconds:0.0} s");
            }

            // The AfterTheAnswer publish was already a full 500-tenant publish by a process restarted after four
            // kills; the process restarted after the fifth publishes too (two tenants, to keep the test short).
            var last = Snapshot();
            using (var client = new ControlPlaneClient(cp.Address, Token))
            {
                var answer = await client.PublishAsync(new JsonObject { ["tenants"] = new JsonArray(TenantId(0), TenantId(Tenants - 1)) });
                Assert.Equal(2, answer["revisions"]!.AsArray().Count);
                Assert.Empty(answer["failures"]!.AsArray());
                Assert.Equal(Tenants, (await client.GetAsync("/v1/tenants"))!.AsArray().Count);
            }
            cp.Dispose();
            var final = Snapshot();
            foreach (var (id, revision) in last) Assert.Equal(id == TenantId(0) || id == TenantId(Tenants - 1) ? revision + 1 : revision, final[id]);
            log.WriteLine($"final publish ok; total {clock.Elapsed.TotalSeconds:0.0} s; leftover temporary artifact files: {Directory.GetFiles(Artifacts, "*.tmp", SearchOption.AllDirectories).Length}");
        }
        finally
        {
            cp.Dispose();
        }
    }

    private static string TenantId(int i) => $"t{i:000}";

    private static async Task PushTemplateAsync(ControlPlaneClient client, int generation) =>
        await client.PostAsync("/v1/templates", new JsonObject { ["name"] = "crash-rbac", ["source"] = Seed.Template + $"\ngeneration := {generation}\n" });

    /// <summary>Starts publish --all and SIGKILLs the process at <paramref name="point"/>; returns what was seen.</summary>
    private async Task<string> PublishAndKillAsync(ControlPlaneClient client, ControlPlaneProcess cp, KillPoint point)
    {
        var existing = new HashSet<string>(ArtifactFiles(), StringComparer.Ordinal);
        var lastBuilt = 0;
        var killed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void KillNow(string why)
        {
            if (killed.Task.IsCompleted) return;
            cp.Kill();
            killed.TrySetResult($"killed pid {cp.Pid} {why}");
        }
        void Progress(int built, int total)
        {
            lastBuilt = built;
            if (point == KillPoint.DuringBuilds && built * 4 >= total) KillNow($"at {built}/{total} built");
        }
        var publish = client.PublishAsync(new JsonObject { ["all"] = true }, Progress);
        if (point is KillPoint.FirstArtifactWritten or KillPoint.HalfTheArtifactsWritten or KillPoint.AllArtifactsWritten)
        {
            var wanted = point switch { KillPoint.FirstArtifactWritten => 1, KillPoint.HalfTheArtifactsWritten => Tenants / 2, _ => Tenants };
            while (!killed.Task.IsCompleted)
            {
                var added = 0;
                foreach (var f in ArtifactFiles()) if (!existing.Contains(f)) added++;
                if (added >= wanted) KillNow($"with {added} new artifact file(s) on disk");
                else if (publish.IsCompleted && point == KillPoint.AllArtifactsWritten) KillNow("just after the publish answered (the commit won the race)");
                else if (publish.IsCompleted) break;
                else await Task.Delay(1);
            }
        }
        if (point == KillPoint.AfterTheAnswer)
        {
            var answer = await publish;
            Assert.Equal(Tenants, answer["revisions"]!.AsArray().Count);
            KillNow("right after the publish answered");
        }
        try
        {
            await publish;
        }
        catch (ControlPlaneClientException)
        {
            // The stream breaks when the process dies: expected.
        }
        Assert.True(killed.Task.IsCompleted, $"{point}: the publish finished before the kill point (last progress {lastBuilt}/{Tenants}); the test proves nothing");
        return await killed.Task;
    }

    private List<string> ArtifactFiles()
    {
        var list = new List<string>();
        if (!Directory.Exists(Artifacts)) return list;
        foreach (var f in Directory.EnumerateFiles(Artifacts, "*.tar.gz", SearchOption.AllDirectories)) list.Add(f);
        return list;
    }

    /// <summary>Global revision per tenant (0 = none yet), read with the process stopped.</summary>
    private Dictionary<string, int> Snapshot()
    {
        using var store = new SqliteStore(Db);
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var global = store.GlobalAssignments();
        foreach (var t in store.ListTenants()) map[t.Id] = global.TryGetValue(t.Id, out var r) ? r : 0;
        return map;
    }

    /// <summary>
    /// The store opens and passes SQLite's integrity check; every tenant is on its previous revision or on the
    /// next one (all of them the same way: a publish is one transaction); every revision's artifact exists, hashes
    /// to its sha256 and reads as this tenant's bundle. Returns whether the publish had committed.
    /// </summary>
    private bool CheckAfterCrash(Dictionary<string, int> before, KillPoint? point)
    {
        using (var raw = new SqliteConnection($"Data Source={Db};Pooling=false"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", cmd.ExecuteScalar() as string);
        }
        using var store = new SqliteStore(Db);
        Assert.Equal(3, store.SchemaVersion);
        var tenants = store.ListTenants();
        Assert.Equal(Tenants, tenants.Count);
        var global = store.GlobalAssignments();
        var moved = 0;
        foreach (var t in tenants)
        {
            var now = global.TryGetValue(t.Id, out var r) ? r : 0;
            var was = before.GetValueOrDefault(t.Id);
            Assert.True(now == was || now == was + 1, $"{point}: tenant {t.Id} is on revision {now}, was {was}");
            if (now != was) moved++;
            // No revision made since the last check (committed or not) may name an artifact that is missing or
            // incomplete, nor may the assigned one; older revisions were checked after earlier kills and their
            // artifacts are immutable (a put never rewrites an existing file).
            foreach (var revision in store.ListRevisions(t.Id))
            {
                if (revision.Number > was || revision.Number == now) CheckArtifact(revision, readBundle: revision.Number == now);
            }
        }
        Assert.True(moved == 0 || moved == Tenants, $"{point}: {moved} of {Tenants} tenants moved: a publish must move all of them or none");
        // What a node would be told to fetch: every entry must be there.
        foreach (var a in store.AssignmentsFor("any-node")) Assert.True(File.Exists(ArtifactPath(a.Revision.Sha256)), $"{point}: node index points at missing {a.Revision.Sha256}");
        return moved == Tenants;
    }

    private void CheckArtifact(RevisionRecord revision, bool readBundle)
    {
        var path = ArtifactPath(revision.Sha256);
        Assert.True(File.Exists(path), $"tenant {revision.TenantId} revision {revision.Number}: artifact {revision.Sha256} is missing");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(revision.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(revision.SizeBytes, bytes.Length);
        if (!readBundle) return;
        using var ms = new MemoryStream(bytes);
        var bundle = Tollgate.Runtime.Bundles.Bundle.Read(ms);
        Assert.Equal(revision.TenantId, bundle.Manifest.Metadata?["tenant_id"]?.GetValue<string>());
        Assert.NotNull(bundle.Wasm);
    }

    private string ArtifactPath(string sha) => Path.Combine(Artifacts, sha[..2], sha + ".tar.gz");

    public void Dispose() => _dir.Dispose();
}
