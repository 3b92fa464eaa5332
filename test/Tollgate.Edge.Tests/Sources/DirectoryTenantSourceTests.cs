using System.Net;
using System.Text.Json;
using Tollgate.Edge.Tenants;
using Tollgate.Edge.Tests.Support;

namespace Tollgate.Edge.Tests.Sources;

public class DirectoryTenantSourceTests
{
    private static void WriteTenant(string root, string tenant, byte[] bundle, string? smokeJson = null)
    {
        var dir = Path.Combine(root, tenant);
        Directory.CreateDirectory(dir);
        if (smokeJson is not null)
        {
            File.WriteAllText(Path.Combine(dir, "smoke.json"), smokeJson);
        }
        // Write then rename, as deploy tools do, so a scan never reads half a bundle.
        var temp = Path.Combine(dir, ".bundle.tmp");
        File.WriteAllBytes(temp, bundle);
        File.Move(temp, Path.Combine(dir, "bundle.tar.gz"), overwrite: true);
    }

    private static async Task<HttpStatusCode> CheckAsync(HttpClient http, string tenant, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/check" + path);
        request.Headers.Add("x-tenant-id", tenant);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Tenants_load_from_folders_and_changed_bundles_swap_in()
    {
        var root = EdgeTestServer.TempDirectory();
        WriteTenant(root, "t1", FakeLoader.BoolSpec("one", "/one"), """[{"input":{"path":"/one"},"expect":true}]""");
        WriteTenant(root, "t2", FakeLoader.BoolSpec("two", "/two"));
        await using var server = await EdgeTestServer.StartAsync(o => o with { FromDirectory = root, RescanInterval = TimeSpan.FromSeconds(30) });
        using var http = server.HttpClient();
        await EdgeTestServer.WaitUntilAsync(() => server.Readiness.InitialLoadDone, "the first scan");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await CheckAsync(http, "t1", "/one"));
        Assert.Equal(HttpStatusCode.Forbidden, await CheckAsync(http, "t1", "/two"));
        Assert.Equal(HttpStatusCode.OK, await CheckAsync(http, "t2", "/two"));

        // The watcher sees the new bundle (no manual rescan).
        WriteTenant(root, "t1", FakeLoader.BoolSpec("one-b", "/one", "/two"), """[{"input":{"path":"/two"},"expect":true}]""");
        await EdgeTestServer.WaitUntilAsync(() => server.Registry.Peek("t1")?.Artifact.Bundle.Length == FakeLoader.BoolSpec("one-b", "/one", "/two").Length, "the watcher to swap t1");
        Assert.Equal(HttpStatusCode.OK, await CheckAsync(http, "t1", "/two"));
    }

    [Fact]
    public async Task A_bundle_that_fails_its_smoke_cases_keeps_the_old_revision_and_is_reported()
    {
        var root = EdgeTestServer.TempDirectory();
        WriteTenant(root, "t1", FakeLoader.BoolSpec("good", "/one"), """[{"input":{"path":"/one"},"expect":true}]""");
        await using var server = await EdgeTestServer.StartAsync(o => o with { FromDirectory = root, RescanInterval = TimeSpan.FromSeconds(30) });
        await EdgeTestServer.WaitUntilAsync(() => server.Readiness.InitialLoadDone, "the first scan");
        var good = server.Registry.Peek("t1")!.RevisionId;

        WriteTenant(root, "t1", FakeLoader.BoolSpec("bad", "/other"), """[{"input":{"path":"/one"},"expect":true}]""");
        var outcomes = await server.DirectorySource!.ScanNowAsync();
        // The watcher may have applied it first; either way the outcome is a rejection.
        await EdgeTestServer.WaitUntilAsync(() => server.Registry.Status("t1")!.State == TenantState.Failed, "the failure to be recorded");
        Assert.All(outcomes, o => Assert.False(o.Succeeded));
        Assert.Equal(good, server.Registry.Peek("t1")!.RevisionId);

        using var http = server.HttpClient();
        Assert.Equal(HttpStatusCode.OK, await CheckAsync(http, "t1", "/one"));
        using var status = JsonDocument.Parse(await http.GetStringAsync("/status"));
        var tenant = status.RootElement.GetProperty("tenants")[0];
        Assert.Equal("failed", tenant.GetProperty("state").GetString());
        Assert.Contains("smoke case 0", tenant.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/ready")).StatusCode);
        Assert.Contains("tollgate_edge_errors_total{kind=\"verification\"}", await http.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task Removing_a_folder_unassigns_the_tenant()
    {
        var root = EdgeTestServer.TempDirectory();
        WriteTenant(root, "gone", FakeLoader.BoolSpec("x", "/x"));
        await using var server = await EdgeTestServer.StartAsync(o => o with { FromDirectory = root, RescanInterval = TimeSpan.FromSeconds(30) });
        await EdgeTestServer.WaitUntilAsync(() => server.Registry.Peek("gone") is not null, "the tenant to load");
        Directory.Delete(Path.Combine(root, "gone"), recursive: true);
        await server.DirectorySource!.ScanNowAsync();
        Assert.Null(server.Registry.Peek("gone"));
    }

    [Fact]
    public async Task Tenant_settings_choose_the_entrypoint_revision_and_failure_mode()
    {
        var root = EdgeTestServer.TempDirectory();
        WriteTenant(root, "t1", FakeLoader.BoolSpec("x", "/x"));
        File.WriteAllText(Path.Combine(root, "t1", "tenant.json"), """{"revision":"v42","entrypoint":"/custom/decision","fail_open":true}""");
        await using var server = await EdgeTestServer.StartAsync(o => o with { FromDirectory = root, RescanInterval = TimeSpan.FromSeconds(30) });
        await EdgeTestServer.WaitUntilAsync(() => server.Registry.Peek("t1") is not null, "the tenant to load");
        var revision = server.Registry.Peek("t1")!;
        Assert.Equal("v42", revision.RevisionId);
        Assert.Equal("custom/decision", revision.DecisionEntrypoint);
        Assert.True(revision.FailOpen);
    }
}
