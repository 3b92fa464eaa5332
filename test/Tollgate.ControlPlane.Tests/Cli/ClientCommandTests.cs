using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Tollgate.ControlPlane.Tests.Support;

namespace Tollgate.ControlPlane.Tests.Cli;

/// <summary>The client commands against a real control plane in this process (loopback, free port).</summary>
public sealed class ClientCommandTests : IAsyncLifetime
{
    private static readonly string SeedTemplate = Path.Combine(AppContext.BaseDirectory, "seed", "basic-rbac.rego");
    private static readonly string SeedData = Path.Combine(AppContext.BaseDirectory, "seed", "tenant-data.json");

    private ControlPlaneFixture _cp = null!;
    private readonly TempDirectory _dir = new();

    public async Task InitializeAsync() => _cp = await ControlPlaneFixture.StartAsync();

    public async Task DisposeAsync()
    {
        await _cp.DisposeAsync();
        _dir.Dispose();
    }

    private Task<CliOutcome> Run(params string[] args) => CliRunner.RunAsync(_cp.Server.Address, ControlPlaneFixture.OperatorToken, args);

    private async Task<CliOutcome> Ok(params string[] args)
    {
        var outcome = await Run(args);
        Assert.True(outcome.ExitCode == 0, $"tollgate {string.Join(' ', args)}: {outcome}");
        return outcome;
    }

    private async Task SeedTenantsAsync(params string[] ids)
    {
        await Ok("template", "push", "basic-rbac", SeedTemplate);
        foreach (var id in ids) await Ok("tenant", "add", id, "--template", "basic-rbac", "--data", SeedData);
    }

    [Fact]
    public async Task Template_push_tenant_add_publish_show_rollback_end_to_end()
    {
        var push = await Ok("template", "push", "basic-rbac", SeedTemplate);
        Assert.Contains("template basic-rbac version 1 pushed", push.Out, StringComparison.Ordinal);
        var smoke = _dir.File("smoke.json");
        await File.WriteAllTextAsync(smoke, """[{"entrypoint":"tenant/authz/allow","input":{"tenant_id":"1001","user":{"role":"admin"},"action":"write"},"expect":true}]""");
        var add = await Ok("tenant", "add", "1001", "--template", "basic-rbac", "--data", SeedData, "--smoke", smoke, "--param", "region=eu", "--param", "limit=5");
        Assert.Contains("tenant 1001: active, template basic-rbac@latest, substitution mode", add.Out, StringComparison.Ordinal);
        await Ok("tenant", "add", "1002", "--template", "basic-rbac", "--template-version", "1", "--mode", "shared", "--data", SeedData);

        var stored = _cp.Server.Services.Store.GetTenant("1001")!;
        Assert.Equal("eu", stored.Parameters["region"]!.GetValue<string>());
        Assert.Equal(5, stored.Parameters["limit"]!.GetValue<int>());
        Assert.Single(stored.Smoke);

        var list = await Ok("tenant", "list");
        Assert.Matches(@"ID\s+STATUS\s+TEMPLATE\s+MODE\s+REVISION", list.Out);
        Assert.Matches(@"1001\s+active\s+basic-rbac@latest\s+substitution\s+-", list.Out);
        Assert.Matches(@"1002\s+active\s+basic-rbac@1\s+shared\s+-", list.Out);

        var publish = await Ok("publish", "--all");
        Assert.Contains("built 2/2 (100%)", publish.Out, StringComparison.Ordinal);
        Assert.Contains("tenant 1001: revision 1", publish.Out, StringComparison.Ordinal);
        Assert.Matches(@"published 2 revision\(s\) to all nodes, 0 failure\(s\), in \d+\.\d\d s", publish.Out);

        await Ok("publish", "--tenant", "1001");
        var show = await Ok("tenant", "show", "1001");
        var revisions = _cp.Server.Services.Store.ListRevisions("1001");
        Assert.Equal(2, revisions.Count);
        Assert.Contains("revision   2 (assigned to all nodes)", show.Out, StringComparison.Ordinal);
        Assert.Contains(revisions[0].Sha256, show.Out, StringComparison.Ordinal);
        Assert.Contains(revisions[1].Sha256, show.Out, StringComparison.Ordinal);
        Assert.Matches(@"REV\s+CREATED\s+BY\s+TEMPLATE\s+SIZE\s+SHA256", show.Out);

        var rollback = await Ok("rollback", "--tenant", "1001", "--to", "1");
        Assert.Contains("tenant 1001: rolled back to revision 1 on all nodes", rollback.Out, StringComparison.Ordinal);
        Assert.Equal(1, _cp.Server.Services.Store.GlobalAssignments()["1001"]);
        Assert.Matches(@"1001\s+active\s+basic-rbac@latest\s+substitution\s+1", (await Ok("tenant", "list")).Out);

        var audit = await Ok("audit");
        Assert.Matches(@"operator:operator\s+rollback\s+1001 → revision 1", audit.Out);
        Assert.Matches(@"operator:operator\s+template.push\s+basic-rbac version 1", audit.Out);
    }

    [Fact]
    public async Task Publish_prints_one_progress_line_per_ten_percent_when_not_a_terminal()
    {
        var ids = new string[25];
        for (var i = 0; i < ids.Length; i++) ids[i] = $"t{i:00}";
        await Ok("template", "push", "basic-rbac", SeedTemplate);
        foreach (var id in ids) await Ok("tenant", "add", id, "--template", "basic-rbac", "--mode", "shared", "--data", SeedData);

        var publish = await Ok("publish", "--all");
        var lines = publish.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("built ", StringComparison.Ordinal)).ToList();
        Assert.InRange(lines.Count, 2, 10);
        Assert.Equal("built 25/25 (100%)", lines[^1]);
        Assert.Contains("built 25/25 (100%)\nstoring 25 artifact(s)\n", publish.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        // Lines are in order and each one is a new tenth.
        var tenths = lines.Select(l => int.Parse(l[(l.IndexOf('(', StringComparison.Ordinal) + 1)..l.IndexOf('%', StringComparison.Ordinal)]) / 10).ToList();
        Assert.Equal(tenths.Distinct().Order().ToList(), tenths);
        Assert.Contains("published 25 revision(s) to all nodes, 0 failure(s)", publish.Out, StringComparison.Ordinal);
        // More than 20 revisions: the summary does not list them one by one.
        Assert.DoesNotContain("tenant t00: revision", publish.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_endpoint_streams_ndjson_progress_then_the_plain_answer_when_asked()
    {
        await _cp.SeedAsync();
        using var response = await _cp.SendAsync(HttpMethod.Post, "/v1/publish", ControlPlaneFixture.OperatorToken, new JsonObject { ["all"] = true },
            r => r.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/x-ndjson")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 3, string.Join('\n', lines));
        var built = new List<int>();
        var stored = new List<int>();
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var p = JsonNode.Parse(lines[i])!["progress"]!;
            Assert.Equal(2, p["total"]!.GetValue<int>());
            if (p["stored"] is { } s) stored.Add(s.GetValue<int>());
            else built.Add(p["built"]!.GetValue<int>());
            // Every build comes before the first artifact is stored.
            if (p["built"] is not null) Assert.Empty(stored);
        }
        Assert.Equal(2, built[^1]);
        Assert.Equal([1, 2], stored);
        var last = JsonNode.Parse(lines[^1])!;
        Assert.Equal(2, last["revisions"]!.AsArray().Count);
        Assert.Empty(last["failures"]!.AsArray());
        Assert.NotNull(last["elapsed_ms"]);
    }

    [Fact]
    public async Task Publish_streaming_still_refuses_an_unknown_tenant_with_400_before_streaming()
    {
        await _cp.SeedAsync();
        using var response = await _cp.SendAsync(HttpMethod.Post, "/v1/publish", ControlPlaneFixture.OperatorToken, new JsonObject { ["tenants"] = new JsonArray("nope") },
            r => r.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/x-ndjson")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tenant nope does not exist", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_failure_shows_file_line_col_diagnostics_and_exits_1()
    {
        var dir = Directory.CreateDirectory(_dir.File("broken")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "broken.rego"), "package tenant.authz\nimport rego.v1\nallow if { input.x == nope }\n");
        await Ok("template", "push", "broken", dir);
        await Ok("tenant", "add", "bad", "--template", "broken");
        var publish = await Run("publish", "--tenant", "bad");
        Assert.Equal(1, publish.ExitCode);
        Assert.Contains("tenant bad: FAILED: compile failed", publish.Out, StringComparison.Ordinal);
        Assert.Matches(@"broken\.rego:3:\d+: [a-z_]+: .*nope", publish.Out);
        Assert.Contains("published 0 revision(s) to all nodes, 1 failure(s)", publish.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_push_of_a_directory_pushes_the_other_files_as_libraries()
    {
        var dir = Directory.CreateDirectory(_dir.File("policies")).FullName;
        Directory.CreateDirectory(Path.Combine(dir, "shared"));
        File.Copy(SeedTemplate, Path.Combine(dir, "basic-rbac.rego"));
        await File.WriteAllTextAsync(Path.Combine(dir, "shared", "utils.rego"), "package shared.utils\nimport rego.v1\nis_admin(user) if user.role == \"admin\"\n");
        var push = await Ok("template", "push", "basic-rbac", dir, "--entrypoint", "tenant/authz/allow");
        Assert.Contains("library shared/utils pushed", push.Out, StringComparison.Ordinal);
        Assert.Contains("template basic-rbac version 1 pushed", push.Out, StringComparison.Ordinal);
        Assert.Equal("shared/utils", Assert.Single(_cp.Server.Services.Store.ListLibraries()).Name);
        Assert.Equal(["tenant/authz/allow"], _cp.Server.Services.Store.GetTemplate("basic-rbac")!.Entrypoints);
        var list = await Ok("template", "list");
        Assert.Matches(@"basic-rbac\s+1\s+tenant/authz/allow", list.Out);

        var lib = await Ok("library", "push", Path.Combine(dir, "shared"));
        Assert.Contains("library utils pushed", lib.Out, StringComparison.Ordinal);
        Assert.Equal(2, _cp.Server.Services.Store.ListLibraries().Count);
    }

    [Fact]
    public async Task Suspend_resume_canary_promote_and_status()
    {
        await SeedTenantsAsync("1001", "1002");
        Assert.Contains("tenant 1002: suspended", (await Ok("tenant", "suspend", "1002")).Out, StringComparison.Ordinal);
        Assert.Contains("tenant 1002: active", (await Ok("tenant", "resume", "1002")).Out, StringComparison.Ordinal);
        await Ok("publish", "--all");
        // The node n1 polls its index (so the control plane knows it) and reports it runs revision 1 of 1001 only.
        using (var index = await _cp.SendAsync(HttpMethod.Get, "/v1/nodes/n1/index", ControlPlaneFixture.NodeToken)) Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        await Ok("publish", "--tenant", "1001", "--canary", "1");
        var report = new JsonObject { ["tenants"] = new JsonArray(new JsonObject { ["tenant_id"] = "1001", ["active_revision"] = "1", ["state"] = "active" }) };
        using (var posted = await _cp.SendAsync(HttpMethod.Post, "/v1/nodes/n1/status", ControlPlaneFixture.NodeToken, report)) Assert.Equal(HttpStatusCode.NoContent, posted.StatusCode);

        var status = await Ok("status");
        Assert.Contains("1 node(s), 2 tenant(s) with a published revision", status.Out, StringComparison.Ordinal);
        Assert.Matches(@"NODE\s+LAST SEEN\s+ASSIGNED\s+BEHIND\s+FAILED", status.Out);
        Assert.Matches(@"n1\s+\S+\s+\S+\s+2\s+1\s+0", status.Out);
        Assert.Matches(@"n1\s+1001\s+1\s+2\s+1\s+active", status.Out);
        var json = JsonNode.Parse((await Ok("status", "--format", "json")).Out)!;
        Assert.Equal(1, json["nodes"]![0]!["tenants_behind"]!.GetValue<int>());

        Assert.Contains("tenant 1001: revision 2 promoted to all nodes", (await Ok("promote", "--tenant", "1001")).Out, StringComparison.Ordinal);
        Assert.Equal(2, _cp.Server.Services.Store.GlobalAssignments()["1001"]);
    }

    [Fact]
    public async Task Json_format_prints_the_servers_json()
    {
        await SeedTenantsAsync("1001");
        var list = JsonNode.Parse((await Ok("tenant", "list", "--format", "json")).Out)!.AsArray();
        Assert.Equal("1001", Assert.Single(list)!["id"]!.GetValue<string>());
        var publish = JsonNode.Parse((await Ok("publish", "--tenant", "1001", "--format", "json")).Out)!;
        Assert.Equal(1, publish["revisions"]![0]!["revision"]!.GetValue<int>());
    }

    [Fact]
    public async Task Wrong_or_missing_token_exits_1_with_the_servers_message()
    {
        var wrong = await CliRunner.RunAsync(_cp.Server.Address, "not-a-token", "tenant", "list");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Equal("error: missing or unknown bearer token (HTTP 401)", wrong.Error.Trim());
        Assert.Equal("", wrong.Out);
        var node = await CliRunner.RunAsync(_cp.Server.Address, ControlPlaneFixture.NodeToken, "publish", "--all");
        Assert.Equal(1, node.ExitCode);
        Assert.Contains("this operation needs an operator token (HTTP 403)", node.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_tenant_exits_1()
    {
        await SeedTenantsAsync("1001");
        var show = await Run("tenant", "show", "nope");
        Assert.Equal(1, show.ExitCode);
        Assert.Contains("error: tenant nope does not exist (HTTP 404)", show.Error, StringComparison.Ordinal);
        var publish = await Run("publish", "--tenant", "nope");
        Assert.Equal(1, publish.ExitCode);
        Assert.Contains("tenant nope does not exist (HTTP 400)", publish.Error, StringComparison.Ordinal);
        var rollback = await Run("rollback", "--tenant", "1001", "--to", "7");
        Assert.Equal(1, rollback.ExitCode);
        Assert.Contains("tenant 1001 has no revision 7 (HTTP 404)", rollback.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_down_exits_1_with_cannot_reach()
    {
        var port = FreePort();
        var down = await CliRunner.RunAsync(new Uri($"http://127.0.0.1:{port}"), "t", "status");
        Assert.Equal(1, down.ExitCode);
        Assert.StartsWith($"error: cannot reach the control plane at http://127.0.0.1:{port}/: ", down.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("publish", "--all", "--tenant", "1001")]
    [InlineData("publish", "--all", "--canary", "many")]
    [InlineData("tenant", "add")]
    [InlineData("tenant", "add", "1001", "--mode", "weird")]
    [InlineData("tenant", "add", "1001", "--param", "novalue")]
    [InlineData("tenant", "show")]
    [InlineData("rollback", "--tenant", "1001")]
    [InlineData("rollback", "--tenant", "1001", "--to", "x")]
    [InlineData("promote")]
    [InlineData("tenant", "list", "--bogus")]
    [InlineData("status", "--format", "yaml")]
    [InlineData("template", "push", "name")]
    [InlineData("template", "push", "name", "/no/such/file.rego")]
    public async Task Usage_errors_exit_2_without_calling_the_server(params string[] args)
    {
        // The server address is unreachable on purpose: a usage error must be reported before any call.
        var outcome = await CliRunner.RunAsync(new Uri($"http://127.0.0.1:{FreePort()}"), "t", args);
        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("usage: tollgate ", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot reach", outcome.Error, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
