using System.Text.Json;
using Tollgate.Edge.Tests.Support;

namespace Tollgate.Edge.Tests.Http;

public class DecisionLogTests
{
    [Fact]
    public async Task Decisions_are_batched_to_a_file_with_masked_input_paths()
    {
        var dir = EdgeTestServer.TempDirectory();
        var logPath = Path.Combine(dir, "decisions.jsonl");
        var server = await EdgeTestServer.StartAsync(o => o with
        {
            DecisionLogPath = logPath,
            DecisionLogMask = ["input/attributes/request/http/headers/authorization"],
        });
        try
        {
            server.Activate("acme", "r1", FakeLoader.BoolSpec("r1", "/public"));
            using var http = server.HttpClient();
            for (var i = 0; i < 3; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, i == 0 ? "/check/public" : "/check/private");
                request.Headers.Add("x-tenant-id", "acme");
                request.Headers.Add("authorization", "Bearer secret-token");
                (await http.SendAsync(request)).Dispose();
            }
        }
        finally
        {
            await server.DisposeAsync(); // flushes the sink
        }
        var lines = File.ReadAllLines(logPath);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("acme", root.GetProperty("tenant_id").GetString());
        Assert.Equal("r1", root.GetProperty("revision").GetString());
        Assert.True(root.GetProperty("result").GetProperty("allowed").GetBoolean());
        Assert.Equal("**masked**", root.GetProperty("input").GetProperty("attributes").GetProperty("request").GetProperty("http").GetProperty("headers").GetProperty("authorization").GetString());
        Assert.DoesNotContain("secret-token", File.ReadAllText(logPath));
    }
}
