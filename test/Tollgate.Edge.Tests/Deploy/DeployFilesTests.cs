using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tollgate.Edge.Tests.Deploy;

/// <summary>deploy/ is validated by the real tools: promtool (Debian prometheus) and nginx.</summary>
public partial class DeployFilesTests
{
    private static string DeployPath(string relative) => Path.Combine(AppContext.BaseDirectory, "deploy", relative);

    private static (int Code, string Output) Run(string tool, params string[] args)
    {
        var path = Which(tool) ?? throw new InvalidOperationException($"{tool} is not installed: deploy/ validation needs it (apt-get install {(tool == "promtool" ? "prometheus" : "nginx-light")})");
        using var process = Process.Start(new ProcessStartInfo(path, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DeployPath("prometheus"),
        })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static string? Which(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin"]))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    [Fact]
    public void Prometheus_rules_pass_promtool_check()
    {
        var (code, output) = Run("promtool", "check", "rules", DeployPath("prometheus/rules.yml"));
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS: 9 rules found", output);
    }

    [Fact]
    public void Alerts_fire_as_the_seed_intends_under_promtool_unit_tests()
    {
        var (code, output) = Run("promtool", "test", "rules", DeployPath("prometheus/rules.test.yml"));
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Rules_use_the_metric_names_the_edge_exports()
    {
        var rules = File.ReadAllText(DeployPath("prometheus/rules.yml"));
        foreach (var name in new[] { "tollgate_edge_decision_duration_seconds_bucket", "tollgate_edge_requests_total", "tollgate_edge_denies_total", "tollgate_edge_module_load_duration_seconds_bucket", "tollgate_edge_sync_lag_seconds" })
        {
            Assert.Contains(name, rules);
        }
        var metrics = new Telemetry.EdgeMetrics(TimeSpan.FromMinutes(1));
        metrics.RecordDecision("grpc", "t", allowed: false, 0.0001);
        metrics.ModuleLoadDuration.Observe(0.01);
        metrics.RecordRejection();
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        var exported = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var expressions = string.Join('\n', rules.Split('\n').Where(line => line.TrimStart().StartsWith("expr:", StringComparison.Ordinal)));
        foreach (Match m in MetricName().Matches(expressions))
        {
            var name = m.Value;
            Assert.True(exported.Contains(name, StringComparison.Ordinal), $"rules.yml uses {name}, which the edge does not export");
        }
    }

    [Fact]
    public void Grafana_dashboard_has_the_seed_panels_on_recorded_series()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DeployPath("grafana/dashboard.json")));
        var panels = doc.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(4, panels.Count);
        var rules = File.ReadAllText(DeployPath("prometheus/rules.yml"));
        var titles = panels.Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Contains(titles, t => t!.Contains("Latency", StringComparison.Ordinal));
        Assert.Contains(titles, t => t!.Contains("Requests per Second", StringComparison.Ordinal));
        Assert.Contains(titles, t => t!.Contains("Deny Rate", StringComparison.Ordinal));
        Assert.Contains(titles, t => t!.Contains("Load Time", StringComparison.Ordinal));
        foreach (var panel in panels)
        {
            var expr = panel.GetProperty("targets")[0].GetProperty("expr").GetString()!;
            var record = RecordName().Match(expr).Value;
            Assert.Contains("record: " + record, rules);
        }
    }

    [Fact]
    public void Example_nginx_config_is_valid()
    {
        var prefix = Path.Combine(Path.GetTempPath(), "tollgate-nginx-t-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        var (code, output) = Run("nginx", "-t", "-p", prefix, "-c", DeployPath("nginx/nginx.conf"), "-e", Path.Combine(prefix, "logs", "error.log"));
        Assert.True(code == 0, output);
    }

    [GeneratedRegex(@"tollgate_edge_[a-z_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"tollgate_edge:[a-z_0-9:]+")]
    private static partial Regex RecordName();
}
