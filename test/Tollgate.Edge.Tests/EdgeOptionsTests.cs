using System.Net;

namespace Tollgate.Edge.Tests;

public class EdgeOptionsTests
{
    [Fact]
    public void Parses_the_documented_flags()
    {
        var options = EdgeOptions.Parse(["--http-addr", "127.0.0.1:0", "--grpc-addr=:9292", "--control-plane", "http://cp:8080", "--node-id", "edge-1",
            "--token", "t", "--state-dir", "/tmp/s", "--tenant-header", "X-Org", "--default-decision", "/tenant/authz/allow/", "--decision-log-mask", "input/attributes/request/http/headers/authorization"]);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0), options.HttpAddress);
        Assert.Equal(9292, options.GrpcAddress!.Port);
        Assert.Equal("edge-1", options.NodeId);
        Assert.Equal("x-org", options.TenantHeader);
        Assert.Equal("tenant/authz/allow", options.DefaultDecision);
        Assert.Single(options.DecisionLogMask);
    }

    [Fact]
    public void Collects_every_error()
    {
        var e = Assert.Throws<EdgeOptionsException>(() => EdgeOptions.Parse(["--http-addr", "nope", "--bogus", "--control-plane", "http://x", "--from-dir", "/d"]));
        Assert.Equal(4, e.Errors.Count); // bad address, unknown flag, exclusive modes, missing node id
    }

    [Fact]
    public void Every_option_in_the_usage_text_is_one_the_parser_knows()
    {
        var flags = System.Text.RegularExpressions.Regex.Matches(EdgeOptions.Usage, @"--[a-z][a-z-]+")
            .Select(m => m.Value).Distinct().Where(f => f != "--help-edge").ToList();
        Assert.True(flags.Count >= 20, $"the usage text lists {flags.Count} options");
        foreach (var flag in flags)
        {
            try
            {
                EdgeOptions.Parse([flag, "1", "--from-dir", "/tmp"]);
            }
            catch (EdgeOptionsException ex)
            {
                Assert.DoesNotContain(ex.Errors, e => e.Contains($"unknown option '{flag}'", StringComparison.Ordinal));
            }
        }
    }
}
