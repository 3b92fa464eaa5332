using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Tollgate.Edge.Tests.Support;

namespace Tollgate.Edge.Tests.Sync;

public class ControlPlaneSyncTests
{
    private const string SmokeOneAllowed = """[{"input":{"path":"/one"},"expect":true}]""";

    private static Func<EdgeOptions, EdgeOptions> Configure(FakeControlPlane cp, string stateDir) => o => o with
    {
        ControlPlane = cp.Uri,
        NodeId = "edge-1",
        Token = cp.Token,
        StateDirectory = stateDir,
        LongPollWait = TimeSpan.FromSeconds(5),
        // Long enough that only the long-poll can deliver a change quickly.
        PollInterval = TimeSpan.FromSeconds(30),
    };

    private static async Task<HttpStatusCode> CheckAsync(EdgeServer server, string tenant, string path)
    {
        using var http = server.HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/check" + path);
        request.Headers.Add("x-tenant-id", tenant);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Long_poll_delivers_changes_verifies_them_reports_status_and_state_survives_restart()
    {
        var stateDir = EdgeTestServer.TempDirectory();
        var cp = await FakeControlPlane.StartAsync();
        var first = FakeLoader.BoolSpec("r1", "/one");
        cp.Publish(("t1", "r1", first, SmokeOneAllowed, null), ("t2", "r1", FakeLoader.BoolSpec("t2", "/two"), null, null));
        try
        {
            await using (var server = await EdgeTestServer.StartAsync(Configure(cp, stateDir)))
            {
                await EdgeTestServer.WaitUntilAsync(() => server.Registry.Peek("t1") is not null && server.Registry.Peek("t2") is not null, "the first index");
                Assert.Equal(HttpStatusCode.OK, await CheckAsync(server, "t1", "/one"));
                Assert.Equal(HttpStatusCode.OK, (await server.HttpClient().GetAsync("/ready")).StatusCode);
                await EdgeTestServer.WaitUntilAsync(() => !cp.StatusReports.IsEmpty, "a status report");
                Assert.Contains("\"state\":\"active\"", cp.StatusReports.Last());

                // A change arrives through the pending long-poll, far sooner than the 30 s poll interval.
                var watch = Stopwatch.StartNew();
                cp.Publish(("t1", "r2", FakeLoader.BoolSpec("r2", "/one", "/two"), SmokeOneAllowed, null));
                await EdgeTestServer.WaitUntilAsync(() => server.Registry.Peek("t1")?.RevisionId == "r2", "revision r2", 20_000);
                // Well under the 30 s poll interval (generous bound: CI machines are shared and slow).
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the change took {watch.Elapsed}");
                Assert.Equal(HttpStatusCode.OK, await CheckAsync(server, "t1", "/two"));
                // t2 left the index: it is no longer served.
                await EdgeTestServer.WaitUntilAsync(() => server.Registry.Peek("t2") is null, "t2 to be unassigned");
                Assert.Equal(HttpStatusCode.Forbidden, await CheckAsync(server, "t2", "/two"));

                // A revision that fails its smoke cases is refused and reported; r2 keeps serving.
                var reports = cp.StatusReports.Count;
                cp.Publish(("t1", "r3", FakeLoader.BoolSpec("r3", "/two"), SmokeOneAllowed, null));
                await EdgeTestServer.WaitUntilAsync(() => cp.StatusReports.Count > reports && cp.StatusReports.Last().Contains("\"failed\""), "the failure report");
                using (var report = JsonDocument.Parse(cp.StatusReports.Last()))
                {
                    var t1 = report.RootElement.GetProperty("tenants")[0];
                    Assert.Equal("r3", t1.GetProperty("revision").GetString());
                    Assert.Equal("failed", t1.GetProperty("state").GetString());
                    Assert.Contains("smoke case 0", t1.GetProperty("error").GetString());
                }
                Assert.Equal("r2", server.Registry.Peek("t1")!.RevisionId);

                // An artifact whose bytes do not match the index's sha256 is refused.
                reports = cp.StatusReports.Count;
                cp.Publish(("t1", "r4", FakeLoader.BoolSpec("r4", "/one"), null, new string('0', 64)));
                await EdgeTestServer.WaitUntilAsync(() => cp.StatusReports.Count > reports, "the next report");
                Assert.Contains("sha256 mismatch", cp.StatusReports.Last());
                Assert.Equal("r2", server.Registry.Peek("t1")!.RevisionId);

                // The control plane orders a rollback by pointing the index back at r1.
                cp.Publish(("t1", "r1", first, SmokeOneAllowed, null));
                await EdgeTestServer.WaitUntilAsync(() => server.Registry.Peek("t1")?.RevisionId == "r1", "the rollback to r1");
            }
        }
        finally
        {
            await cp.DisposeAsync();
        }

        // Restart with the control plane gone: the node serves its last good revisions from disk.
        await using var restarted = await EdgeTestServer.StartAsync(Configure(cp, stateDir));
        Assert.Equal("r1", restarted.Registry.Peek("t1")?.RevisionId);
        Assert.Equal(HttpStatusCode.OK, await CheckAsync(restarted, "t1", "/one"));
        Assert.Equal(HttpStatusCode.Forbidden, await CheckAsync(restarted, "t1", "/two"));
        Assert.True(restarted.Readiness.InitialLoadDone);
    }

    [Fact]
    public async Task Servers_that_do_not_long_poll_are_polled()
    {
        var cp = await FakeControlPlane.StartAsync();
        cp.LongPoll = false;
        cp.Publish(("t1", "r1", FakeLoader.BoolSpec("r1", "/one"), null, null));
        try
        {
            await using var server = await EdgeTestServer.StartAsync(o => Configure(cp, EdgeTestServer.TempDirectory())(o) with { PollInterval = TimeSpan.FromMilliseconds(100) });
            await EdgeTestServer.WaitUntilAsync(() => server.Registry.Peek("t1") is not null, "the first index");
            cp.Publish(("t1", "r2", FakeLoader.BoolSpec("r2", "/one"), null, null));
            await EdgeTestServer.WaitUntilAsync(() => server.Registry.Peek("t1")?.RevisionId == "r2", "the polled change");
            // Unchanged answers come back at once, so the node waits the poll interval between requests: no hot loop.
            var before = Volatile.Read(ref cp.IndexRequests);
            await Task.Delay(1000);
            var polls = Volatile.Read(ref cp.IndexRequests) - before;
            Assert.InRange(polls, 3, 15);
        }
        finally
        {
            await cp.DisposeAsync();
        }
    }

    [Fact]
    public async Task New_artifacts_arrive_in_one_pack_and_a_server_without_packs_is_asked_one_by_one()
    {
        var cp = await FakeControlPlane.StartAsync();
        try
        {
            cp.Publish(("t1", "r1", FakeLoader.BoolSpec("r1", "/one"), null, null), ("t2", "r1", FakeLoader.BoolSpec("t2", "/two"), null, null),
                ("t3", "r1", FakeLoader.BoolSpec("t3", "/three"), null, null));
            await using var server = await EdgeTestServer.StartAsync(Configure(cp, EdgeTestServer.TempDirectory()));
            await EdgeTestServer.WaitUntilAsync(() => server.Registry.ActiveCount == 3, "three tenants");
            Assert.Equal(1, Volatile.Read(ref cp.PackRequests));
            Assert.Equal(0, Volatile.Read(ref cp.ArtifactRequests));
            Assert.Equal(HttpStatusCode.OK, await CheckAsync(server, "t3", "/three"));

            // A pack whose artifacts do not hash to their headers is refused as a whole; the node then asks for each
            // artifact on its own and still gets the right bytes.
            cp.CorruptPacks = true;
            cp.Publish(("t1", "r2", FakeLoader.BoolSpec("r2a", "/one", "/x"), null, null), ("t2", "r2", FakeLoader.BoolSpec("r2b", "/two", "/x"), null, null),
                ("t3", "r1", FakeLoader.BoolSpec("t3", "/three"), null, null));
            await EdgeTestServer.WaitUntilAsync(() => server.Registry.Peek("t1")?.RevisionId == "r2" && server.Registry.Peek("t2")?.RevisionId == "r2", "revision r2 of t1 and t2");
            Assert.Equal(2, Volatile.Read(ref cp.PackRequests));
            Assert.Equal(2, Volatile.Read(ref cp.ArtifactRequests));
            Assert.Equal(HttpStatusCode.OK, await CheckAsync(server, "t2", "/x"));

            // An older control plane without the endpoint (404): one GET per artifact from then on.
            cp.CorruptPacks = false;
            cp.ServesPacks = false;
            cp.Publish(("t1", "r3", FakeLoader.BoolSpec("r3a", "/one", "/y"), null, null), ("t2", "r3", FakeLoader.BoolSpec("r3b", "/two", "/y"), null, null),
                ("t3", "r1", FakeLoader.BoolSpec("t3", "/three"), null, null));
            await EdgeTestServer.WaitUntilAsync(() => server.Registry.Peek("t1")?.RevisionId == "r3" && server.Registry.Peek("t2")?.RevisionId == "r3", "revision r3");
            Assert.Equal(4, Volatile.Read(ref cp.ArtifactRequests));
            Assert.Equal(HttpStatusCode.OK, await CheckAsync(server, "t1", "/y"));
        }
        finally
        {
            await cp.DisposeAsync();
        }
    }

    [Fact]
    public void Index_entries_are_validated()
    {
        Assert.Throws<FormatException>(() => Tollgate.Edge.Sync.NodeIndex.Parse("""{"tenants":[{"tenant_id":"t","revision":"r","sha256":"abc","url":"/a"}]}"""u8));
        Assert.Throws<FormatException>(() => Tollgate.Edge.Sync.NodeIndex.Parse("""{"tenants":[{"tenant_id":"t"}]}"""u8));
        var index = Tollgate.Edge.Sync.NodeIndex.Parse("""{"revision":"7","tenants":[]}"""u8);
        Assert.Equal("7", index.Revision);
    }
}
